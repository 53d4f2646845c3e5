import { createMockResponse, type MockScenario, scenarios } from '@chatstream/mocks';
import type { ChatMessage } from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ChatStream } from '@chatstream/ui';
import { scenePng } from '../stories/scene-png.ts';
import { expectNoAxeViolations } from '../test/axe.ts';
import { clipboardText } from '../test/clipboard.ts';
import { countedMessage } from '../test/counted-message.tsx';
import { holdStreamAfter } from '../test/hold-stream.ts';
import { installStyles } from '../test/styles.ts';
import { createMessageWithActions, MessageWithActions } from './message-with-actions.tsx';
import { exchanges } from '../test/exchanges.ts';

installStyles();

type SentMessage = { role: string; content: string | { type: string; text?: string }[] };

/** A `fetch` that answers each request with the next scenario and records what was sent. */
function mockFetch(...answers: MockScenario[]) {
  const sent: SentMessage[][] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
    sent.push(JSON.parse(init?.body as string).messages);
    const next = answers[sent.length - 1];
    if (!next) throw new Error('No more mock answers');
    return createMockResponse(next, { timing: 'instant' });
  });
  return { fetch, sent };
}

const components = { Message: MessageWithActions };

function renderChat(fetch: typeof globalThis.fetch, initialMessages?: ChatMessage[]) {
  return render(
    <ChatStream
      fetch={fetch}
      components={components}
      initialMessages={initialMessages ?? []}
      style={{ blockSize: 520 }}
    />,
  );
}

async function ask(screen: Awaited<ReturnType<typeof render>>, text: string): Promise<void> {
  await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), text);
  await userEvent.keyboard('{Enter}');
  const log = screen.getByRole('log', { name: 'Conversation' });
  await expect.element(log).toHaveAttribute('aria-busy', 'false');
}

describe('MessageWithActions in ChatStream', () => {
  it('copies an answer as the markdown it was written in, and says so', async () => {
    const { fetch } = mockFetch(scenarios.longAnswer);
    const screen = await renderChat(fetch);
    await ask(screen, 'Why does streaming matter?');
    const answer = screen.getByRole('article', { name: 'Claude' });
    const copy = answer.getByRole('button', { name: 'Copy', exact: true });
    await copy.click();
    await expect.element(answer.getByRole('button', { name: 'Copied' })).toBeVisible();
    const copied = await clipboardText();
    expect(copied).toBe(scenarios.longAnswer.expectedText.trim());
    expect(copied).toMatch(/^## Why streaming matters/);
    // The label goes back after two seconds.
    await expect
      .element(answer.getByRole('button', { name: 'Copy', exact: true }), { timeout: 4000 })
      .toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('offers no Copy on an answer while it streams', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      holdStreamAfter(createMockResponse(scenarios.basic, { timing: 'instant' }), held),
    );
    const screen = await renderChat(fetch);
    await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Hello');
    await userEvent.keyboard('{Enter}');
    const answer = screen.getByRole('article', { name: 'Claude' });
    await expect.element(answer).toHaveAttribute('data-state', 'streaming');
    expect(answer.getByRole('button', { name: 'Copy', exact: true }).query()).toBeNull();
    // Nor Edit on the question: editing now would start over under a running answer.
    expect(screen.getByRole('button', { name: 'Edit' }).query()).toBeNull();
    release();
    await expect.element(answer.getByRole('button', { name: 'Copy', exact: true })).toBeInTheDocument();
    await expect.element(screen.getByRole('button', { name: 'Edit' })).toBeInTheDocument();
  });

  it('copies what the person wrote', async () => {
    const { fetch } = mockFetch(scenarios.basic);
    const screen = await renderChat(fetch);
    await ask(screen, 'Copy this question, please');
    await screen.getByRole('article', { name: 'You' }).getByRole('button', { name: 'Copy' }).click();
    await expect
      .element(screen.getByRole('article', { name: 'You' }).getByRole('button', { name: 'Copied' }))
      .toBeVisible();
    expect(await clipboardText()).toBe('Copy this question, please');
  });

  it('edits a question in place: the answer after it is dropped and streams again for the new text', async () => {
    const { fetch, sent } = mockFetch(scenarios.basic, scenarios.longAnswer);
    const screen = await renderChat(fetch);
    await ask(screen, 'What is SSE?');
    const question = screen.getByRole('article', { name: 'You' });
    await question.getByRole('button', { name: 'Edit' }).click();
    const input = screen.getByRole('textbox', { name: 'Edit message' });
    await expect.element(input).toHaveFocus();
    await expect.element(input).toHaveValue('What is SSE?');
    await expectNoAxeViolations(screen.container);
    // The caret is at the end: typing adds to the question.
    await userEvent.keyboard(' Answer with headings.');
    await userEvent.keyboard('{Enter}');
    await expect
      .element(screen.getByRole('log', { name: 'Conversation' }))
      .toHaveAttribute('aria-busy', 'false');
    await expect.element(screen.getByText('Why streaming matters')).toBeVisible();
    expect(screen.getByText(scenarios.basic.expectedText).query()).toBeNull();
    expect(screen.getByRole('article', { name: 'You' }).all()).toHaveLength(1);
    await expect.element(question).toHaveTextContent('What is SSE? Answer with headings.');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What is SSE? Answer with headings.' }] },
    ]);
    // The form had the focus; it goes to the message it saved.
    await expect.element(question).toHaveFocus();
  });

  it('cancels an edit with Escape: nothing is sent and focus is back on Edit', async () => {
    const { fetch, sent } = mockFetch(scenarios.basic);
    const screen = await renderChat(fetch);
    await ask(screen, 'Keep me');
    await screen.getByRole('button', { name: 'Edit' }).click();
    await userEvent.keyboard(' and not this');
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('textbox', { name: 'Edit message' }).query()).toBeNull();
    await expect.element(screen.getByRole('button', { name: 'Edit' })).toHaveFocus();
    await expect.element(screen.getByRole('article', { name: 'You' })).toHaveTextContent('Keep me');
    expect(sent).toHaveLength(1);
  });

  it('keeps the images of an edited message; only its text changes', async () => {
    const image = {
      type: 'image' as const,
      source: { type: 'base64' as const, media_type: 'image/png' as const, data: scenePng(8, 8) },
    };
    const history: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [image, { type: 'text', text: 'What is in this picture?' }] },
      {
        id: 'a1',
        role: 'assistant',
        status: 'complete',
        content: [{ type: 'text', text: 'A small scene.' }],
      },
    ];
    const { fetch, sent } = mockFetch(scenarios.basic);
    const screen = await renderChat(fetch, history);
    await screen.getByRole('button', { name: 'Edit' }).click();
    await userEvent.clear(screen.getByRole('textbox', { name: 'Edit message' }));
    await userEvent.keyboard('Describe the colours.{Enter}');
    await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
    expect(sent[0]).toEqual([
      { role: 'user', content: [image, { type: 'text', text: 'Describe the colours.' }] },
    ]);
  });

  it('lets an edit leave out an attachment, and edits a message of files alone', async () => {
    const image = {
      type: 'image' as const,
      source: { type: 'base64' as const, media_type: 'image/png' as const, data: scenePng(8, 8) },
    };
    const contract = {
      type: 'document' as const,
      title: 'contract.pdf',
      source: { type: 'base64' as const, media_type: 'application/pdf' as const, data: 'JVBERi0=' },
    };
    const history: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [image, contract] },
      { id: 'a1', role: 'assistant', status: 'error', content: [] },
    ];
    const { fetch, sent } = mockFetch(scenarios.basic);
    const screen = await renderChat(fetch, history);
    await screen.getByRole('button', { name: 'Edit' }).click();
    const form = screen.getByRole('article', { name: 'You' });
    await expect.element(form.getByText('PNG image')).toBeVisible();
    await expect.element(form.getByText('contract.pdf')).toBeVisible();
    await expectNoAxeViolations(screen.container);
    // Files alone are a message to send: Save is on with no text.
    await expect.element(screen.getByRole('button', { name: 'Save & resend' })).toBeEnabled();
    await form.getByRole('button', { name: 'Remove PNG image' }).click();
    // The focus goes on to the file that is left.
    expect(document.activeElement).toBe(form.getByRole('button', { name: 'Remove contract.pdf' }).element());
    expect(form.getByText('PNG image').query()).toBeNull();
    // Saved with no text: the file left is the message.
    await screen.getByRole('button', { name: 'Save & resend' }).click();
    await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
    expect(sent[0]).toEqual([{ role: 'user', content: [contract] }]);
  });

  it('does not save an empty edit', async () => {
    const { fetch, sent } = mockFetch(scenarios.basic);
    const screen = await renderChat(fetch);
    await ask(screen, 'Something');
    await screen.getByRole('button', { name: 'Edit' }).click();
    await userEvent.clear(screen.getByRole('textbox', { name: 'Edit message' }));
    await userEvent.keyboard('{Enter}');
    await expect.element(screen.getByRole('button', { name: 'Save & resend' })).toBeDisabled();
    expect(sent).toHaveLength(1);
  });

  it('goes back to the answer Regenerate replaced and forward again, the focus staying on the switch', async () => {
    const { fetch } = mockFetch(scenarios.basic, scenarios.longAnswer);
    const screen = await renderChat(fetch);
    await ask(screen, 'Hello');
    await screen.getByRole('button', { name: 'Regenerate' }).click();
    const switcher = screen.getByRole('group', { name: 'Version 2 of 2' });
    await expect.element(switcher).toBeVisible();
    await expect.element(screen.getByText('## Why streaming matters')).toBeVisible();
    await expect
      .element(switcher.getByRole('button', { name: 'Next version' }))
      .toHaveAttribute('aria-disabled', 'true');

    await switcher.getByRole('button', { name: 'Previous version' }).click();
    await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
    const earlier = screen.getByRole('group', { name: 'Version 1 of 2' });
    // Another version is another message, drawn anew: the focus follows the press to it.
    await expect.element(earlier.getByRole('button', { name: 'Previous version' })).toHaveFocus();
    await expectNoAxeViolations(screen.container);

    await userEvent.keyboard('{Tab}{Enter}');
    await expect.element(screen.getByRole('group', { name: 'Version 2 of 2' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Next version' })).toHaveFocus();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('brings back the question an edit replaced, with the answer it had', async () => {
    const { fetch } = mockFetch(scenarios.basic, scenarios.longAnswer);
    const screen = await renderChat(fetch);
    await ask(screen, 'First question');
    await screen.getByRole('button', { name: 'Edit' }).click();
    await userEvent.keyboard(' (edited){Enter}');
    await expect.element(screen.getByText('## Why streaming matters')).toBeVisible();
    const question = screen.getByRole('article', { name: 'You' });
    await question.getByRole('button', { name: 'Previous version' }).click();
    await expect.element(screen.getByRole('article', { name: 'You' })).toHaveTextContent('First question');
    await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
    await expect
      .element(screen.getByRole('article', { name: 'You' }).getByRole('group'))
      .toHaveAccessibleName('Version 1 of 2');
  });

  it('keeps an edit typed while another answer streams: Save waits for its end', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answers = [scenarios.basic, scenarios.longAnswer, scenarios.basic];
    let requests = 0;
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      const response = createMockResponse(answers[requests++]!, { timing: 'instant' });
      return requests === 2 ? holdStreamAfter(response, held) : response;
    });
    const screen = await renderChat(fetch);
    await ask(screen, 'Hello');
    await screen.getByRole('button', { name: 'Edit' }).click();
    await userEvent.keyboard(' again');
    await userEvent.fill(screen.getByRole('textbox', { name: 'Message', exact: true }), 'Another question');
    await userEvent.keyboard('{Enter}');
    await expect.element(screen.getByRole('button', { name: 'Stop' })).toBeVisible();
    const save = screen.getByRole('button', { name: 'Save & resend' });
    await expect.element(save).toBeDisabled();
    await expect.element(screen.getByRole('textbox', { name: 'Edit message' })).toHaveValue('Hello again');
    release();
    await expect.element(save).toBeEnabled();
    await save.click();
    await expect
      .element(screen.getByRole('article', { name: 'You' }).first())
      .toHaveTextContent('Hello again');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('keeps the versions still while an answer streams', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answers = [scenarios.basic, scenarios.longAnswer];
    let requests = 0;
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      const response = createMockResponse(answers[requests++]!, { timing: 'instant' });
      return requests === 1 ? response : holdStreamAfter(response, held);
    });
    const screen = await renderChat(fetch);
    await ask(screen, 'Hello');
    await screen.getByRole('button', { name: 'Regenerate' }).click();
    const previous = screen.getByRole('button', { name: 'Previous version' });
    await expect.element(previous).toHaveAttribute('aria-disabled', 'true');
    // A pointer would not press it (Playwright refuses to); a script's click does nothing either.
    (previous.element() as HTMLButtonElement).click();
    await expect.element(screen.getByRole('group', { name: 'Version 2 of 2' })).toBeVisible();
    release();
    await expect.element(previous).not.toHaveAttribute('aria-disabled');
  });

  it("shows the last answer's actions without hover, with its Regenerate beside Copy; earlier ones on hover", async () => {
    const { fetch } = mockFetch(scenarios.basic, scenarios.stopSequence);
    const screen = await renderChat(fetch);
    await ask(screen, 'First');
    await ask(screen, 'Second');
    const answers = screen.getByRole('article', { name: 'Claude' });
    const opacity = (index: number) => {
      const copy = answers.nth(index).getByRole('button', { name: 'Copy', exact: true }).element();
      // The fade's end, not a frame of it (animations crawl in a test frame in the background).
      for (const animation of copy.getAnimations()) animation.finish();
      return getComputedStyle(copy).opacity;
    };
    // The pointer rests where an earlier test left it: on the box, off the answers.
    await userEvent.hover(screen.getByRole('textbox', { name: 'Message' }));
    expect(opacity(0)).toBe('0');
    expect(opacity(1)).toBe('1');
    await userEvent.hover(answers.nth(0));
    expect(opacity(0)).toBe('1');
    const copy = answers
      .nth(1)
      .getByRole('button', { name: 'Copy', exact: true })
      .element()
      .getBoundingClientRect();
    const regenerate = screen
      .getByRole('button', { name: 'Regenerate' })
      .last()
      .element()
      .getBoundingClientRect();
    expect(Math.abs(regenerate.top - copy.top)).toBeLessThan(4);
    expect(regenerate.left).toBeGreaterThan(copy.left);
  });

  it("keeps the answer's actions shown when the conversation ends on its tool results, drawn as its cards", async () => {
    const history: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        id: 'a1',
        role: 'assistant',
        status: 'complete',
        stopReason: 'tool_use',
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
        toolCalls: { toolu_1: { status: 'done', result: '18 °C' } },
      },
      {
        id: 'u2',
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18 °C' }],
      },
    ];
    const screen = await renderChat(mockFetch().fetch, history);
    await expect
      .element(screen.getByRole('article', { name: 'Claude' }))
      .toHaveAttribute('data-latest', 'true');
  });

  it('treats a reply that ran a tool as one answer: one Copy of all of it, Regenerate from its start', async () => {
    const { fetch, sent } = mockFetch(scenarios.toolUse, scenarios.basic, scenarios.stopSequence);
    const tools = { get_weather: { inputSchema: { type: 'object' as const }, execute: () => '18 °C' } };
    const screen = await render(
      <ChatStream fetch={fetch} components={components} tools={tools} style={{ blockSize: 520 }} />,
    );
    await ask(screen, 'Weather in Paris?');
    const [calling, answering] = screen.getByRole('article', { name: 'Claude' }).all();
    // Before: the step that called the tool had its own Copy and Regenerate, mid-answer.
    await expect.element(calling!).toHaveAttribute('data-goes-on', 'true');
    expect(
      calling!
        .getByRole('button')
        .all()
        .map((button) => button.element().textContent),
    ).not.toContain('Copy');
    await expect.element(answering!).toHaveAttribute('data-continues', 'true');
    await answering!.getByRole('button', { name: 'Copy', exact: true }).click();
    expect(await clipboardText()).toBe(
      `${scenarios.toolUse.expectedText.trim()}\n\n${scenarios.basic.expectedText.trim()}`,
    );
    await screen.getByRole('button', { name: 'Regenerate' }).click();
    await expect
      .element(screen.getByRole('log', { name: 'Conversation' }))
      .toHaveAttribute('aria-busy', 'false');
    // The whole reply again, from the question: not the last step on the same tool result.
    expect(sent[2]).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }]);
    expect(screen.getByRole('article', { name: 'Claude' }).all()).toHaveLength(1);
  });

  it('shows the versions of a regenerated reply that ran a tool under its last step, with its actions', async () => {
    const { fetch } = mockFetch(scenarios.toolUse, scenarios.basic, scenarios.toolUse, scenarios.longAnswer);
    const tools = { get_weather: { inputSchema: { type: 'object' as const }, execute: () => '18 °C' } };
    const screen = await render(
      <ChatStream fetch={fetch} components={components} tools={tools} style={{ blockSize: 520 }} />,
    );
    await ask(screen, 'Weather in Paris?');
    await screen.getByRole('button', { name: 'Regenerate' }).click();
    const log = screen.getByRole('log', { name: 'Conversation' });
    await expect.element(screen.getByText('## Why streaming matters')).toBeVisible();
    await expect.element(log).toHaveAttribute('aria-busy', 'false');
    const [calling, answering] = screen.getByRole('article', { name: 'Claude' }).all();
    // Before: "‹ 2 / 2 ›" sat under the step that called the tool, mid-reply, away from Copy.
    expect(calling!.getByRole('button', { name: 'Previous version' }).query()).toBeNull();
    await answering!.getByRole('button', { name: 'Previous version' }).click();
    await expect.element(screen.getByText(scenarios.basic.expectedText.trim())).toBeVisible();
    const [, earlierAnswer] = screen.getByRole('article', { name: 'Claude' }).all();
    // The switch of the version brought in keeps the focus, under its own last step.
    await expect.element(earlierAnswer!.getByRole('button', { name: 'Previous version' })).toHaveFocus();
    await earlierAnswer!.getByRole('button', { name: 'Next version' }).click();
    await expect.element(screen.getByText('## Why streaming matters')).toBeVisible();
  });

  it('keeps the actions of a reply stopped after its tools ran, once a new question follows it', async () => {
    const { fetch } = mockFetch(scenarios.toolUse, scenarios.basic);
    const tools = { get_weather: { inputSchema: { type: 'object' as const }, execute: () => '18 °C' } };
    const screen = await render(
      <ChatStream
        fetch={fetch}
        components={components}
        tools={tools}
        maxSteps={1}
        style={{ blockSize: 520 }}
      />,
    );
    await ask(screen, 'Weather in Paris?');
    await ask(screen, 'Never mind. Hello?');
    const [first] = screen.getByRole('article', { name: 'Claude' }).all();
    // Its results were followed by a question, not by an answer: it is a reply of its own.
    await expect.element(first!).not.toHaveAttribute('data-goes-on');
    await expect.element(first!.getByRole('button', { name: 'Copy', exact: true })).toBeInTheDocument();
  });

  it('offers no Regenerate under a greeting put first, which answers no question', async () => {
    const history: ChatMessage[] = [
      {
        id: 'g',
        role: 'assistant',
        status: 'complete',
        content: [{ type: 'text', text: 'Hi! Ask me anything.' }],
      },
      { id: 'q', role: 'user', content: [{ type: 'text', text: 'What is SSE?' }] },
      {
        id: 'a',
        role: 'assistant',
        status: 'complete',
        content: [{ type: 'text', text: 'Server-sent events.' }],
      },
    ];
    const screen = await renderChat(mockFetch().fetch, history);
    const [greeting, answer] = screen.getByRole('article', { name: 'Claude' }).all();
    // Before: a Regenerate the session refused (no question before it), so pressing it did nothing.
    expect(greeting!.getByRole('button', { name: 'Regenerate' }).query()).toBeNull();
    await expect.element(greeting!.getByRole('button', { name: 'Copy', exact: true })).toBeInTheDocument();
    // The last answer has ChatStream's Regenerate, under it.
    expect(answer!.getByRole('button', { name: 'Regenerate' }).query()).toBeNull();
    await expect.element(screen.getByRole('button', { name: 'Regenerate' })).toBeVisible();
  });

  it("offers an earlier answer's Regenerate only once no other answer streams", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answers = [scenarios.basic, scenarios.longAnswer];
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      const response = createMockResponse(answers.shift()!, { timing: 'instant' });
      return answers.length === 0 ? holdStreamAfter(response, held) : response;
    });
    const screen = await renderChat(fetch);
    await ask(screen, 'First');
    await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Second');
    await userEvent.keyboard('{Enter}');
    const earlier = screen.getByRole('article', { name: 'Claude' }).first();
    // Before: it could be pressed, and the session refused it without a word.
    await expect.element(earlier.getByRole('button', { name: 'Regenerate' })).toBeDisabled();
    release();
    await expect
      .element(screen.getByRole('log', { name: 'Conversation' }))
      .toHaveAttribute('aria-busy', 'false');
    await expect.element(earlier.getByRole('button', { name: 'Regenerate' })).toBeEnabled();
  });

  it('regenerates an earlier answer; what followed it stays in the earlier version', async () => {
    const { fetch, sent } = mockFetch(scenarios.basic, scenarios.stopSequence, scenarios.longAnswer);
    const screen = await renderChat(fetch);
    await ask(screen, 'First');
    await ask(screen, 'Second');
    const first = screen.getByRole('article', { name: 'Claude' }).first();
    // The last answer has ChatStream's own Regenerate under it, not one of its own.
    expect(
      screen
        .getByRole('article', { name: 'Claude' })
        .last()
        .getByRole('button', { name: 'Regenerate' })
        .query(),
    ).toBeNull();
    await first.getByRole('button', { name: 'Regenerate' }).click();
    await expect.element(screen.getByText('## Why streaming matters')).toBeVisible();
    await expect
      .element(screen.getByRole('log', { name: 'Conversation' }))
      .toHaveAttribute('aria-busy', 'false');
    expect(screen.getByRole('article', { name: 'You' }).all()).toHaveLength(1);
    expect(sent[2]).toEqual([{ role: 'user', content: [{ type: 'text', text: 'First' }] }]);
    await screen.getByRole('button', { name: 'Previous version' }).click();
    expect(screen.getByRole('article', { name: 'You' }).all()).toHaveLength(2);
    await expect.element(screen.getByText('A: 4')).toBeVisible();
  });

  it('does not render settled messages again while an answer streams; Edit and Regenerate come back once, at the end', async () => {
    const history: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Earlier question' }] },
      {
        id: 'a1',
        role: 'assistant',
        status: 'complete',
        content: [{ type: 'text', text: 'Earlier answer.' }],
      },
    ];
    const renders = new Map<string, number>();
    const CountedMessage = countedMessage(MessageWithActions, renders);
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      createMockResponse(scenarios.longAnswer, { timing: { timeToFirstToken: 10, tokensPerSecond: 400 } }),
    );
    const screen = await render(
      <ChatStream
        fetch={fetch}
        initialMessages={history}
        components={{ Message: CountedMessage }}
        style={{ blockSize: 520 }}
      />,
    );
    await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Explain streaming');
    await userEvent.keyboard('{Enter}');
    const answer = screen.getByRole('article', { name: 'Claude' }).last();
    await expect.element(answer).toHaveTextContent(/Streaming lets/);
    renders.clear();
    await expect.element(answer, { timeout: 10_000 }).toHaveAttribute('data-state', 'complete');
    const streamed = [...renders].filter(([id]) => id !== 'u1' && id !== 'a1');
    expect(streamed.some(([, count]) => count > 3)).toBe(true);
    // Once at the end at most: Edit and the earlier answer's Regenerate come back.
    expect(renders.get('a1') ?? 0).toBeLessThanOrEqual(1);
    expect(renders.get('u1') ?? 0).toBeLessThanOrEqual(1);
  });

  it('speaks the words it is given, for an app in another language', async () => {
    const French = createMessageWithActions({
      copy: 'Copier',
      copied: 'Copié',
      edit: 'Modifier',
      editMessage: 'Modifier le message',
      save: 'Enregistrer et renvoyer',
      cancel: 'Annuler',
      regenerate: 'Régénérer',
      previousVersion: 'Version précédente',
      version: (shown, count) => `Version ${shown} sur ${count}`,
    });
    const { fetch } = mockFetch(scenarios.basic, scenarios.stopSequence, scenarios.basic);
    const screen = await render(
      <ChatStream fetch={fetch} components={{ Message: French }} style={{ blockSize: 520 }} />,
    );
    await ask(screen, 'Bonjour');
    await ask(screen, 'Et ensuite ?');
    const first = screen.getByRole('article', { name: 'Claude' }).first();
    await first.getByRole('button', { name: 'Copier' }).click();
    await expect.element(first.getByRole('button', { name: 'Copié' })).toBeVisible();
    await first.getByRole('button', { name: 'Régénérer' }).click();
    await expect.element(screen.getByRole('group', { name: 'Version 2 sur 2' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Version précédente' })).toBeVisible();
    await screen.getByRole('button', { name: 'Modifier' }).click();
    await expect.element(screen.getByRole('textbox', { name: 'Modifier le message' })).toHaveValue('Bonjour');
    await expect.element(screen.getByRole('button', { name: 'Annuler' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Enregistrer et renvoyer' })).toBeVisible();
  });

  it('gives tool-result turns and text-less messages no actions', async () => {
    const history: ChatMessage[] = [
      { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
      {
        id: 'a1',
        role: 'assistant',
        status: 'complete',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }],
      },
      {
        id: 'u2',
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny' }],
      },
    ];
    const screen = await renderChat(mockFetch().fetch, history);
    await expect.element(screen.getByRole('article', { name: 'Tool result' })).toBeVisible();
    expect(screen.getByRole('article', { name: 'Tool result' }).getByRole('button').query()).toBeNull();
    expect(
      screen.getByRole('article', { name: 'Claude' }).getByRole('button', { name: 'Copy' }).query(),
    ).toBeNull();
    expect(screen.getByRole('article', { name: 'You' }).getByRole('button').all()).toHaveLength(2);
  });

  it('keeps its hidden labels inside the transcript: the page never grows past the window', async () => {
    const history = exchanges(30, (index) => `Answer ${index}.`);
    const screen = await renderChat(mockFetch().fetch, history);
    await expect.element(screen.getByText('Answer 29.')).toBeVisible();
    // Scrolled to the start, the labels of the actions far below must not stretch the page either.
    const log = screen.getByRole('log').element();
    log.scrollTop = 0;
    const page = document.scrollingElement!;
    expect(page.scrollHeight).toBeLessThanOrEqual(innerHeight);
    expect(page.scrollWidth).toBeLessThanOrEqual(innerWidth);
  });
});
