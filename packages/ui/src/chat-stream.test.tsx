import {
  createMockResponse,
  faultScenarios,
  type MockScenario,
  type MockStreamOptions,
  scenario,
  scenarios,
} from '@chatstream/mocks';
import { type ChatMessage, createChatSession } from '@chatstream/reader';
import { expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { ChatStream } from './chat-stream.tsx';
import { MessageWithActions } from './actions/index.ts';
import { Message, type MessageProps } from './message.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { countedMessage } from './test/counted-message.tsx';
import { holdStreamAfter } from './test/hold-stream.ts';
import { installStyles } from './test/styles.ts';
import { exchanges } from './test/exchanges.ts';

installStyles();

const instant: MockStreamOptions = { timing: 'instant' };
const slow: MockStreamOptions = { timing: { timeToFirstToken: 30, tokensPerSecond: 60, jitter: 0 } };

/**
 * A `fetch` that answers each request with the next scenario and records the request bodies. A
 * response given a `held` promise stops after its first chunk (or `chunks`) until it resolves.
 */
function mockFetch(...responses: [MockScenario, MockStreamOptions, held?: Promise<void>, chunks?: number][]) {
  const bodies: { messages: { role: string; content: unknown }[] }[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
    bodies.push(JSON.parse(init?.body as string));
    const next = responses[bodies.length - 1];
    if (!next) throw new Error('No more mock responses');
    const [answer, options, held, chunks] = next;
    const response = createMockResponse(answer, options);
    return held ? holdStreamAfter(response, held, chunks) : response;
  });
  return { fetch, bodies };
}

async function sendMessage(screen: Awaited<ReturnType<typeof render>>, text: string) {
  const box = screen.getByRole('textbox', { name: 'Message' });
  await userEvent.fill(box, text);
  await userEvent.keyboard('{Enter}');
  return box;
}

const heightStyle = { blockSize: 480 };

/** Presses a button from the keyboard, as its user would: focus on it, then Enter. */
async function pressWithKeyboard(button: { element(): Element }): Promise<void> {
  (button.element() as HTMLElement).focus();
  await userEvent.keyboard('{Enter}');
}

/** What the announcer said, oldest first (it keeps the last three). */
const announced = (container: HTMLElement): string[] =>
  Array.from(container.querySelector('[data-slot="announcer"]')!.children, (node) => node.textContent ?? '');

/** A promise and the function that resolves it, for a test that decides when something finishes. */
function deferred<Value>(): { promise: Promise<Value>; resolve: (value: Value) => void } {
  let resolve!: (value: Value) => void;
  const promise = new Promise<Value>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

it('streams a basic answer into the transcript, busy while it streams, focus back in the composer', async () => {
  const { promise: released, resolve: release } = deferred<void>();
  const fetch = vi.fn<typeof globalThis.fetch>(async () =>
    holdStreamAfter(createMockResponse(scenarios.basic, slow), released),
  );
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} suggestions={['Say hello']} />);
  await expectNoAxeViolations(screen.container);
  const log = screen.getByRole('log', { name: 'Conversation' });
  const box = await sendMessage(screen, 'Hello');
  await expect.element(log).toHaveAttribute('aria-busy', 'true');
  await expect.element(screen.getByRole('button', { name: 'Stop' })).toBeVisible();
  release();
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  await expect.element(log).toHaveAttribute('aria-busy', 'false');
  await expect.element(screen.getByRole('article', { name: 'You' })).toHaveTextContent('Hello');
  await expect.element(screen.getByRole('button', { name: 'Regenerate' })).toBeVisible();
  expect(document.activeElement).toBe(box.element());
  const region = screen.container.querySelector('[aria-live="polite"]')!;
  await expect.poll(() => region.textContent).toContain('How can I help you today?');
  await expectNoAxeViolations(screen.container);
});

it('starts from a suggestion in the empty state, the focus going on to the message box', async () => {
  const { fetch, bodies } = mockFetch([scenarios.basic, instant]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} suggestions={['Say hello']} />);
  await pressWithKeyboard(screen.getByRole('button', { name: 'Say hello' }));
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  expect(bodies[0]?.messages.at(-1)?.content).toEqual([{ type: 'text', text: 'Say hello' }]);
  // The suggestion went away with the empty state: the focus is in the box, which the Enter left empty.
  const box = screen.getByRole('textbox', { name: 'Message' });
  expect(document.activeElement).toBe(box.element());
  await expect.element(box).toHaveValue('');
});

it('regenerates from the keyboard, the focus going on to the message box as the button goes away', async () => {
  const again = scenario('again').text('Hello once more.').stop('end_turn');
  // The second answer waits for the test: on a loaded machine it could end, and bring Regenerate
  // back, before the test looks for the button gone.
  const { promise: released, resolve: release } = deferred<void>();
  const { fetch } = mockFetch([scenarios.basic, instant], [again, slow, released]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  const box = await sendMessage(screen, 'Hello');
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  await pressWithKeyboard(screen.getByRole('button', { name: 'Regenerate' }));
  await expect.element(screen.getByRole('button', { name: 'Regenerate' })).not.toBeInTheDocument();
  expect(document.activeElement).toBe(box.element());
  release();
  await expect.element(screen.getByRole('article', { name: 'Claude' })).toHaveTextContent('Hello once more.');
  expect(document.activeElement).toBe(box.element());
});

/**
 * A chat whose `get_weather` tool runs `execute`, asked `question`: the tool call answers it, the
 * basic answer follows the tool's result. Resolves once the tool runs.
 */
async function weatherToolRunning(execute: (...args: never[]) => unknown, question: string) {
  const { fetch, bodies } = mockFetch([scenarios.toolUse, instant], [scenarios.basic, instant]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      style={heightStyle}
      tools={{ get_weather: { inputSchema: { type: 'object' }, execute } }}
    />,
  );
  await sendMessage(screen, question);
  const tool = screen.getByRole('group', { name: 'Tool call: get_weather' });
  await expect.element(tool).toHaveAttribute('data-state', 'running');
  return { screen, bodies, tool };
}

it('shows a client tool while it executes, then its result and the follow-up answer', async () => {
  const { promise: result, resolve: finish } = deferred<unknown>();
  const execute = vi.fn<() => Promise<unknown>>(() => result);
  const { screen, bodies, tool } = await weatherToolRunning(execute, 'Weather in Paris?');
  expect(execute).toHaveBeenCalledWith({ location: 'Paris, France', unit: 'celsius' }, expect.anything());
  await expectNoAxeViolations(screen.container);
  finish({ temperature: 18 });
  await expect.element(tool).toHaveAttribute('data-state', 'done');
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  expect(bodies).toHaveLength(2);
  await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');
  await expectNoAxeViolations(screen.container);
});

it('keeps the stats out of their streaming state while a client tool runs (its time is no stream gone quiet)', async () => {
  const { promise: result, resolve: finish } = deferred<unknown>();
  const { fetch } = mockFetch([scenarios.toolUse, instant], [scenarios.basic, instant]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      style={heightStyle}
      showStats
      tools={{ get_weather: { inputSchema: { type: 'object' }, execute: () => result } }}
    />,
  );
  await sendMessage(screen, 'Weather in Paris?');
  const tool = screen.getByRole('group', { name: 'Tool call: get_weather' });
  await expect.element(tool).toHaveAttribute('data-state', 'running');
  // The turn goes on (Stop is offered), but no answer streams: the rate stays as the answer left it.
  await expect.element(screen.getByRole('button', { name: 'Stop' })).toBeVisible();
  const stats = () => screen.container.querySelector('[data-slot="stream-stats"]');
  await expect.poll(() => stats()?.getAttribute('data-state')).toBe('idle');
  await expect.element(tool).toHaveAttribute('data-state', 'running');
  finish({ temperature: 18 });
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  await expect.poll(() => stats()?.getAttribute('data-state')).toBe('idle');
});

it('offers Continue, not Retry, when Claude stopped at the step limit, and goes on from there', async () => {
  const { fetch, bodies } = mockFetch([scenarios.toolUse, instant], [scenarios.basic, instant]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      style={heightStyle}
      maxSteps={1}
      tools={{ get_weather: { inputSchema: { type: 'object' }, execute: () => 'sunny' } }}
    />,
  );
  await sendMessage(screen, 'Weather in Paris?');
  await expect.element(screen.getByText('Claude stopped after many steps in a row').first()).toBeVisible();
  expect(screen.getByRole('button', { name: 'Retry' }).query()).toBeNull();
  await screen.getByRole('button', { name: 'Continue' }).click();
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  // The tool's result went with it.
  expect(bodies).toHaveLength(2);
  expect(JSON.stringify(bodies[1])).toContain('sunny');
});

it('waits for approval through the tool block, then runs the tool', async () => {
  const execute = vi.fn<() => unknown>(() => ({ deleted: true }));
  const { fetch, bodies } = mockFetch([scenarios.toolUse, instant], [scenarios.basic, instant]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      style={heightStyle}
      tools={{ get_weather: { inputSchema: { type: 'object' }, needsApproval: true, execute } }}
    />,
  );
  await sendMessage(screen, 'Weather?');
  const approve = screen.getByRole('button', { name: 'Approve' });
  await expect.element(approve).toBeVisible();
  expect(execute).not.toHaveBeenCalled();
  // Nothing arrives until the person decides: the transcript is not busy, and it says what it waits for.
  await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => announced(screen.container)).toContain('get_weather needs your approval');
  // The turn is not over while a call waits: regenerating now would drop the pending call.
  expect(screen.getByRole('button', { name: 'Regenerate' }).query()).toBeNull();
  // A message typed now would decline the call: the message box says so.
  await expect
    .element(screen.getByRole('textbox', { name: 'Message' }))
    .toHaveAttribute('placeholder', 'Sending a message skips get_weather');
  await expectNoAxeViolations(screen.container);
  // From the keyboard: the buttons go away with the decision, the focus stays on the call.
  (approve.element() as HTMLElement).focus();
  await userEvent.keyboard('{Enter}');
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  await expect
    .element(screen.getByRole('textbox', { name: 'Message' }))
    .toHaveAttribute('placeholder', 'Message Claude…');
  expect(execute).toHaveBeenCalledOnce();
  expect(bodies).toHaveLength(2);
  expect(document.activeElement).toBe(
    screen.getByRole('group', { name: 'Tool call: get_weather' }).element(),
  );
});

it('says a tool call waits for a result, and is not busy meanwhile', async () => {
  const { fetch } = mockFetch([scenarios.toolUse, instant]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      style={heightStyle}
      tools={{ get_weather: { inputSchema: { type: 'object' } } }}
    />,
  );
  await sendMessage(screen, 'Weather?');
  const tool = screen.getByRole('group', { name: 'Tool call: get_weather' });
  await expect.element(tool).toHaveAttribute('data-state', 'awaiting-result');
  await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => announced(screen.container)).toContain('get_weather is waiting for a result');
  await expectNoAxeViolations(screen.container);
});

it('goes back to following the end when the person sends while scrolled up', async () => {
  const history = exchanges(12, (index) => `Answer ${index}. `.repeat(20));
  const { fetch } = mockFetch([scenarios.basic, instant]);
  const screen = await render(<ChatStream fetch={fetch} initialMessages={history} style={heightStyle} />);
  const log = screen.getByRole('log').element();
  const list = screen.container.querySelector('[data-slot="message-list"]')!;
  log.scrollTop = 0;
  await expect.element(screen.getByRole('button', { name: 'Jump to latest' })).toBeVisible();
  expect(list.getAttribute('data-state')).toBe('detached');
  await sendMessage(screen, 'One more thing');
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  expect(list.getAttribute('data-state')).toBe('following');
  await expect.poll(() => log.scrollHeight - log.scrollTop - log.clientHeight).toBeLessThanOrEqual(1);
  await expect.element(screen.getByRole('article', { name: 'You' }).last()).toBeInViewport();
});

it('sends a question asked while a saved conversation is still read into that conversation', async () => {
  const saved = [
    { id: 'u0', role: 'user', content: [{ type: 'text', text: 'Earlier question' }] },
    { id: 'a0', role: 'assistant', status: 'complete', content: [{ type: 'text', text: 'Earlier answer' }] },
  ];
  const items = new Map([['chat', JSON.stringify({ messages: saved })]]);
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  // A storage that answers later (chrome.storage, a server), and only when the test says.
  const storage = {
    getItem: async (key: string) => {
      await answered;
      return items.get(key) ?? null;
    },
    setItem: async (key: string, value: string) => void items.set(key, value),
  };
  const { fetch, bodies } = mockFetch([scenarios.basic, instant], [scenarios.basic, instant]);
  const screen = await render(
    <ChatStream fetch={fetch} persist="chat" persistStorage={storage} style={heightStyle} />,
  );
  await sendMessage(screen, 'A new question');
  await sendMessage(screen, 'And another');
  expect(fetch).not.toHaveBeenCalled();
  // Said where the question will appear, for a person who sees it leave the message box.
  await expect
    .element(screen.getByRole('status').filter({ hasText: 'Sent once the conversation has loaded' }))
    .toBeVisible();
  answer();
  const log = screen.getByRole('log');
  await expect.poll(() => bodies.length).toBe(2);
  await expect.element(log.getByText('Earlier answer')).toBeVisible();
  await expect.element(log.getByText('And another')).toBeVisible();
  // Both, in order, each after the answer before it, in the restored conversation.
  expect(bodies.map((body) => body.messages.map((message) => message.role).join(' '))).toEqual([
    'user assistant user',
    'user assistant user assistant user',
  ]);
  await expect.poll(() => JSON.parse(items.get('chat')!).messages.length).toBe(6);
});

it('offers no Retry for a conversation the server refuses as too large, and keeps the question', async () => {
  const fetch = vi.fn<typeof globalThis.fetch>(
    async () =>
      new Response(
        JSON.stringify({
          type: 'error',
          error: {
            type: 'request_too_large',
            message: "The request body is larger than 32 MiB, this server's limit.",
          },
        }),
        { status: 413, headers: { 'content-type': 'application/json' } },
      ),
  );
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'What do these photos show?');
  const log = screen.getByRole('log');
  await expect.element(log.getByText('The conversation is too large to send')).toBeVisible();
  await expect.element(log.getByText(/Start a new conversation or remove earlier messages\./)).toBeVisible();
  await expect.element(log.getByText('What do these photos show?')).toBeVisible();
  // Sending the same body again could only be refused again.
  expect(screen.getByRole('button', { name: 'Retry' }).query()).toBeNull();
  // A screen reader hears what helps, not only what failed.
  const region = screen.container.querySelector('[aria-live="polite"]')!;
  await expect
    .poll(() => region.textContent)
    .toContain('The conversation is too large to send. Start a new conversation or remove earlier messages.');
  expect(fetch).toHaveBeenCalledTimes(1);
});

it('reports an overload mid-stream, keeps the partial answer, and Retry continues it', async () => {
  const rest = scenario('rest').text(' available to far more people.').stop('end_turn');
  const { fetch, bodies } = mockFetch([scenarios.overloadedMidStream, instant], [rest, instant]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'Tell me about printing');
  const partial = 'The printing press, developed around 1440 by Johannes Gutenberg, made books';
  const log = screen.getByRole('log');
  await expect.element(log.getByText('Claude is overloaded right now')).toBeVisible();
  await expect.element(log.getByText(partial)).toBeVisible();
  const region = screen.container.querySelector('[aria-live="polite"]')!;
  await expect.poll(() => region.textContent).toContain('Claude is overloaded right now');
  await expectNoAxeViolations(screen.container);
  await pressWithKeyboard(screen.getByRole('button', { name: 'Retry' }));
  // The notice and its Retry went away: the focus is in the message box, not on <body>.
  expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }).element());
  await expect.element(log.getByText(`${partial} available to far more people.`)).toBeVisible();
  expect(log.getByText('Claude is overloaded right now').query()).toBeNull();
  // The continuation sent the partial answer back as the last assistant turn.
  expect(bodies[1]?.messages.at(-1)?.role).toBe('assistant');
  expect(screen.getByRole('article', { name: 'Claude' }).all()).toHaveLength(1);
});

it('says the partial answer was kept after a failure part-way through it, and not when none came', async () => {
  const kept = 'The partial answer above was kept.';
  const { fetch } = mockFetch([scenarios.overloadedMidStream, instant]);
  const first = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(first, 'Tell me about printing');
  await expect.element(first.getByRole('log').getByText('Claude is overloaded right now')).toBeVisible();
  // Said with what failed, under the part of the answer that stays.
  await expect.element(first.getByRole('log').getByText(kept, { exact: false })).toBeVisible();
  await first.unmount();
  // Failed before any of the answer came: nothing was kept, so nothing is said of it.
  const refused = vi.fn<typeof globalThis.fetch>(async () => {
    throw new TypeError('Failed to fetch');
  });
  const second = await render(<ChatStream fetch={refused} retry={{ maxRetries: 0 }} style={heightStyle} />);
  await sendMessage(second, 'Hi');
  await expect.element(second.getByRole('log').getByText('Could not reach the server')).toBeVisible();
  expect(second.getByRole('log').getByText(kept, { exact: false }).query()).toBeNull();
});

it('says it tries again after an overload before any content, then streams the answer', async () => {
  const { promise: released, resolve: release } = deferred<void>();
  const fetch = vi.fn<typeof globalThis.fetch>(async () => {
    if (fetch.mock.calls.length === 1) return createMockResponse(faultScenarios.overloaded, instant);
    await released;
    return createMockResponse(scenarios.basic, instant);
  });
  const screen = await render(<ChatStream fetch={fetch} retry={{ initialDelayMs: 1 }} style={heightStyle} />);
  await sendMessage(screen, 'Hello');
  const indicator = screen.getByRole('status').filter({ hasText: 'Trying again' });
  await expect
    .element(indicator)
    .toHaveTextContent('Claude is overloaded right now. Trying again (attempt 2)…');
  await expectNoAxeViolations(screen.container);
  release();
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  expect(indicator.query()).toBeNull();
  expect(fetch).toHaveBeenCalledTimes(2);
});

it('says when max_tokens cut the answer, and Continue carries on in the same message', async () => {
  const rest = scenario('rest').text(' It ended there.').stop('end_turn');
  const { fetch, bodies } = mockFetch([scenarios.maxTokens, instant], [rest, instant]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'Go on');
  const notice = screen.getByRole('status').filter({ hasText: 'The answer was cut off' });
  await expect.element(notice).toBeVisible();
  await expectNoAxeViolations(screen.container);
  await pressWithKeyboard(notice.getByRole('button', { name: 'Continue' }));
  expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }).element());
  await expect.element(screen.getByText(/It ended there\.$/)).toBeVisible();
  expect(bodies[1]?.messages.at(-1)?.role).toBe('assistant');
  expect(screen.getByRole('article', { name: 'Claude' }).all()).toHaveLength(1);
  expect(screen.getByText('The answer was cut off').query()).toBeNull();
});

it('says a tool call cut off by max_tokens never ran, rather than that it failed', async () => {
  const execute = vi.fn<() => unknown>();
  const { fetch } = mockFetch([scenarios.maxTokensInToolInput, instant]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      style={heightStyle}
      tools={{ write_file: { inputSchema: { type: 'object' }, execute } }}
    />,
  );
  await sendMessage(screen, 'Save my notes');
  const tool = screen.getByRole('group', { name: 'Tool call: write_file' });
  await expect.element(tool).toHaveAttribute('data-state', 'input-incomplete');
  await expect.element(tool.getByText('Input cut off')).toBeVisible();
  expect(tool.getByText('Failed').query()).toBeNull();
  expect(execute).not.toHaveBeenCalled();
  // Carrying on is for text: the notice offers no Continue that would start the answer over.
  await expect.element(screen.getByRole('status').getByText('The answer was cut off')).toBeVisible();
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
  await expect.element(screen.getByRole('button', { name: 'Regenerate' })).toBeVisible();
});

/** Content of one text block. */
const textContent = (value: string) => [{ type: 'text' as const, text: value }];

it('offers no Regenerate under a message that answers no question (a human agent’s put in after an answer)', async () => {
  const history: ChatMessage[] = [
    { id: 'q', role: 'user', content: textContent('Where is my order?') },
    { id: 'a', role: 'assistant', status: 'complete', content: textContent('Let me check.') },
    { id: 'agent', role: 'assistant', content: textContent('Dana here: it ships today.') },
  ];
  const screen = await render(<ChatStream initialMessages={history} style={heightStyle} />);
  await expect.element(screen.getByText('Dana here: it ships today.')).toBeVisible();
  expect(screen.getByRole('button', { name: 'Regenerate' }).query()).toBeNull();
});

it('says when Claude refused, and offers no Continue', async () => {
  const { fetch } = mockFetch([scenarios.refusal, instant]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'Something');
  await expect.element(screen.getByText('Claude declined to continue')).toBeVisible();
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
  await expectNoAxeViolations(screen.container);
});

it('says a text block as soon as another block follows it, not when the answer ends', async () => {
  const searching = scenario('searching')
    .text("I'll look that up.")
    .serverToolUse('web_search', { query: 'Webb' })
    .pause(60_000)
    .text('Found it.')
    .stop('end_turn');
  const { fetch } = mockFetch([searching, slow]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'What did Webb find?');
  // The search is still running: the sentence before it is said already, and that it searches.
  await expect
    .poll(() => announced(screen.container), { timeout: 5000 })
    .toEqual(["I'll look that up.", 'Searching…']);
  await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'true');
  await userEvent.keyboard('{Escape}');
  await expect.poll(() => announced(screen.container).at(-1)).toBe('Stopped');
});

it('says one sentence that citations cut into several text blocks as one sentence', async () => {
  const cited = scenario('cited')
    .text('Based on the search results, ')
    .text('Claude Shannon was born on April 30, 1916', {
      citations: [
        {
          type: 'web_search_result_location',
          url: 'https://example.com/shannon',
          title: 'Shannon',
          cited_text: 'born April 30, 1916',
          encrypted_index: 'x',
        },
      ],
    })
    .text(', in Petoskey. In ')
    .text('1948 he published his theory.')
    .stop('end_turn');
  const { fetch } = mockFetch([cited, slow]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'When was Shannon born?');
  await expect
    .poll(() => announced(screen.container), { timeout: 10_000 })
    .toEqual([
      'Based on the search results, Claude Shannon was born on April 30, 1916, in Petoskey.',
      'In 1948 he published his theory.',
    ]);
});

it('says consecutive text blocks as the sentences they are, not run together', async () => {
  const { fetch } = mockFetch([scenarios.webSearch, slow]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'What did Webb find?');
  // The sentence before the search, then the search under way (the answer is quiet meanwhile).
  await expect
    .poll(() => announced(screen.container).slice(-2), { timeout: 10_000 })
    .toEqual(["I'll search for the latest on this.", 'Searching…']);
  await expect
    .poll(() => announced(screen.container), { timeout: 10_000 })
    .toEqual([
      'Searching…',
      'According to recent reports, Webb has observed one of the most distant galaxies known.',
      'It also analysed the atmosphere of a new exoplanet.',
    ]);
});

it('stops with Esc from anywhere in the chat, as from the composer', async () => {
  const onKeyDown = vi.fn<(event: React.KeyboardEvent<HTMLDivElement>) => void>();
  const { fetch } = mockFetch([
    scenarios.longAnswer,
    { timing: { timeToFirstToken: 20, tokensPerSecond: 40 } },
  ]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} onKeyDown={onKeyDown} />);
  await sendMessage(screen, 'Explain streaming');
  const answer = screen.getByRole('article', { name: 'Claude' });
  await expect.element(answer).toHaveTextContent(/Streaming lets/);
  // The focus on the transcript, as after a click on an answer's control.
  (screen.getByRole('log').element() as HTMLElement).focus();
  await userEvent.keyboard('{Escape}');
  await expect.element(answer).toHaveAttribute('data-state', 'aborted');
  // A handler of the app's own still hears the key.
  expect(onKeyDown).toHaveBeenCalledWith(expect.objectContaining({ key: 'Escape' }));
});

it('goes on streaming when a part handled Esc itself (a box in a block renderer)', async () => {
  // Held after the text began (message_start, the block's start, a first delta): streaming however slow the machine.
  const { promise: released, resolve: release } = deferred<void>();
  const { fetch } = mockFetch([scenarios.basic, slow, released, 3]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      style={heightStyle}
      // A block with a box of its own, whose Esc is for the box (an edit cancelled), not for the answer.
      renderers={{
        text: ({ block }) => (
          <div>
            <p>{block.text}</p>
            <input
              aria-label="Note"
              onKeyDown={(event) => {
                if (event.key === 'Escape') event.preventDefault();
              }}
            />
          </div>
        ),
      }}
    />,
  );
  await sendMessage(screen, 'Hello');
  const answer = screen.getByRole('article', { name: 'Claude' });
  const note = answer.getByRole('textbox', { name: 'Note' });
  await expect.element(note).toBeVisible();
  await expect.element(answer).toHaveAttribute('data-state', 'streaming');
  (note.element() as HTMLElement).focus();
  await userEvent.keyboard('{Escape}');
  release();
  // Not stopped: the whole answer arrives.
  await expect.element(answer).toHaveAttribute('data-state', 'complete');
  await expect.element(answer.getByText(scenarios.basic.expectedText)).toBeVisible();
  expect(announced(screen.container)).not.toContain('Stopped');
});

it('stops mid-stream with Esc: the partial answer stays, marked aborted, and focus stays in the composer', async () => {
  const { fetch } = mockFetch([
    scenarios.longAnswer,
    { timing: { timeToFirstToken: 20, tokensPerSecond: 40 } },
  ]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  const box = await sendMessage(screen, 'Explain streaming');
  const answer = screen.getByRole('article', { name: 'Claude' });
  await expect.element(answer).toHaveTextContent(/Streaming lets/);
  await userEvent.keyboard('{Escape}');
  await expect.element(answer).toHaveAttribute('data-state', 'aborted');
  const text = answer.element().textContent ?? '';
  expect(text.length).toBeGreaterThan(0);
  expect(text).not.toContain('clear message rather than a frozen screen');
  await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');
  expect(document.activeElement).toBe(box.element());
  // Screen readers hear that it stopped, after whatever of the answer was still to be said.
  await expect.poll(() => announced(screen.container).at(-1)).toBe('Stopped');
  await expectNoAxeViolations(screen.container);
});

it('stops with the stop button and returns focus to the composer', async () => {
  const { fetch } = mockFetch([
    scenarios.longAnswer,
    { timing: { timeToFirstToken: 20, tokensPerSecond: 40 } },
  ]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  const box = await sendMessage(screen, 'Explain streaming');
  await expect.element(screen.getByRole('article', { name: 'Claude' })).toHaveTextContent(/Streaming lets/);
  await screen.getByRole('button', { name: 'Stop' }).click();
  await expect
    .element(screen.getByRole('article', { name: 'Claude' }))
    .toHaveAttribute('data-state', 'aborted');
  expect(document.activeElement).toBe(box.element());
});

it('offers Continue after a stop: the answer carries on in the same message', async () => {
  const rest = scenario('rest').text(' And that is all.').stop('end_turn');
  const { fetch, bodies } = mockFetch([scenarios.longAnswer, slow], [rest, instant]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'Explain streaming');
  const answer = screen.getByRole('article', { name: 'Claude' });
  await expect.element(answer).toHaveTextContent(/Streaming lets/);
  await screen.getByRole('button', { name: 'Stop' }).click();
  await expect.element(answer).toHaveAttribute('data-state', 'aborted');
  await expectNoAxeViolations(screen.container);
  await pressWithKeyboard(screen.getByRole('button', { name: 'Continue' }));
  expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }).element());
  await expect.element(answer).toHaveAttribute('data-state', 'complete');
  await expect.element(answer).toHaveTextContent(/And that is all\.$/);
  expect(bodies[1]?.messages.at(-1)?.role).toBe('assistant');
  expect(screen.getByRole('article', { name: 'Claude' }).all()).toHaveLength(1);
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
});

it('offers no Continue for a stopped answer that holds more than text (it would start over)', async () => {
  // Held inside the tool's input (one event a chunk: message_start, 12 of text, then the tool's), so
  // Stop is there to press however slow the machine.
  const { fetch } = mockFetch([scenarios.toolUse, slow, deferred<void>().promise, 16]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      style={heightStyle}
      tools={{ get_weather: { inputSchema: { type: 'object' } } }}
    />,
  );
  await sendMessage(screen, 'Weather?');
  await expect.element(screen.getByRole('group', { name: 'Tool call: get_weather' })).toBeVisible();
  await screen.getByRole('button', { name: 'Stop' }).click();
  await expect
    .element(screen.getByRole('article', { name: 'Claude' }))
    .toHaveAttribute('data-state', 'aborted');
  await expect.element(screen.getByRole('button', { name: 'Regenerate' })).toBeVisible();
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
});

it('says a tool the person stopped was stopped, and Continue runs it again and goes on', async () => {
  let runs = 0;
  const execute = (_input: unknown, { signal }: { signal: AbortSignal }) =>
    (runs += 1) === 1
      ? new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)))
      : 'sunny';
  const { screen, bodies, tool } = await weatherToolRunning(execute, 'Weather?');
  await screen.getByRole('button', { name: 'Stop' }).click();
  await expect.element(tool).toHaveAttribute('data-state', 'stopped');
  // Stopped, not failed: no error shown for it.
  await expect.element(tool.getByText('Stopped', { exact: true })).toBeVisible();
  expect(tool.getByText('Error').query()).toBeNull();
  // Screen readers hear it too.
  await vi.waitFor(() => expect(announced(screen.container)).toContain('Stopped'));
  await pressWithKeyboard(screen.getByRole('button', { name: 'Continue' }));
  await expect.element(tool).toHaveAttribute('data-state', 'done');
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  expect(runs).toBe(2);
  expect(JSON.stringify(bodies[1]?.messages.at(-1))).toContain('sunny');
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
});

it('says nothing of a stopped answer in a conversation it restores (history is not announced)', async () => {
  const { fetch } = mockFetch([scenarios.basic, instant]);
  const initialMessages: ChatMessage[] = [
    { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hello' }] },
    { id: 'a1', role: 'assistant', status: 'aborted', content: [{ type: 'text', text: 'Hel' }] },
  ];
  const screen = await render(
    <ChatStream fetch={fetch} initialMessages={initialMessages} style={heightStyle} />,
  );
  await expect.element(screen.getByRole('button', { name: 'Continue' })).toBeVisible();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(announced(screen.container)).toEqual([]);
});

it('offers no Continue for an answer stopped before any of it arrived (nothing to carry on)', async () => {
  const { fetch } = mockFetch([scenarios.basic, instant]);
  const initialMessages: ChatMessage[] = [
    { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hello' }] },
    { id: 'a1', role: 'assistant', status: 'aborted', content: [] },
  ];
  const screen = await render(
    <ChatStream fetch={fetch} initialMessages={initialMessages} style={heightStyle} />,
  );
  await expect.element(screen.getByRole('button', { name: 'Regenerate' })).toBeVisible();
  expect(screen.getByRole('button', { name: 'Continue' }).query()).toBeNull();
});

it('offers Retry for a question stopped before its answer began, asking it again without retyping', async () => {
  const bodies: unknown[] = [];
  // The first request gets no answer at all (not even its headers) until it is stopped.
  const fetch = vi.fn<typeof globalThis.fetch>((_input, init) => {
    bodies.push(JSON.parse(init?.body as string));
    if (bodies.length > 1) return Promise.resolve(createMockResponse(scenarios.basic, instant));
    return new Promise((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });
  });
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'Hello?');
  await screen.getByRole('button', { name: 'Stop' }).click();
  await expect.element(screen.getByRole('button', { name: 'Retry' })).toBeVisible();
  expect(screen.getByRole('article', { name: 'Claude' }).query()).toBeNull();
  await pressWithKeyboard(screen.getByRole('button', { name: 'Retry' }));
  await expect
    .element(screen.getByRole('article', { name: 'Claude' }))
    .toHaveAttribute('data-state', 'complete');
  expect((bodies[1] as { messages: unknown[] }).messages).toEqual([
    { role: 'user', content: [{ type: 'text', text: 'Hello?' }] },
  ]);
  expect(screen.getByRole('button', { name: 'Retry' }).query()).toBeNull();
});

it('offers Retry for a restored conversation whose last question was never answered', async () => {
  const { fetch } = mockFetch([scenarios.basic, instant]);
  const initialMessages: ChatMessage[] = [
    { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Hello' }] },
  ];
  const screen = await render(
    <ChatStream fetch={fetch} initialMessages={initialMessages} style={heightStyle} />,
  );
  await screen.getByRole('button', { name: 'Retry' }).click();
  await expect
    .element(screen.getByRole('article', { name: 'Claude' }))
    .toHaveAttribute('data-state', 'complete');
});

it('does not render settled rows again while another message streams', async () => {
  const history: ChatMessage[] = [
    { id: 'u1', role: 'user', content: [{ type: 'text', text: 'Earlier question' }] },
    { id: 'a1', role: 'assistant', status: 'complete', content: [{ type: 'text', text: 'Earlier answer.' }] },
    { id: 'u2', role: 'user', content: [{ type: 'text', text: 'Another one' }] },
    { id: 'a2', role: 'assistant', status: 'complete', content: [{ type: 'text', text: 'Another answer.' }] },
  ];
  const renders = new Map<string, number>();
  const CountedMessage = countedMessage(Message, renders);
  const { fetch } = mockFetch([
    scenarios.longAnswer,
    { timing: { timeToFirstToken: 10, tokensPerSecond: 400 } },
  ]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      initialMessages={history}
      components={{ Message: CountedMessage }}
      style={heightStyle}
    />,
  );
  await sendMessage(screen, 'Explain streaming');
  const answer = screen.getByRole('article', { name: 'Claude' }).last();
  await expect.element(answer).toHaveTextContent(/Streaming lets/);
  renders.clear();
  await expect.element(answer, { timeout: 10_000 }).toHaveAttribute('data-state', 'complete');
  const streamingRenders = [...renders].filter(([id]) => !['u1', 'a1', 'u2', 'a2'].includes(id));
  expect(streamingRenders.length).toBeGreaterThan(0);
  expect(renders.get('u1') ?? 0).toBe(0);
  expect(renders.get('a1') ?? 0).toBe(0);
  expect(renders.get('u2') ?? 0).toBe(0);
  expect(renders.get('a2') ?? 0).toBe(0);
});

it('shares its session with the parts, so a replaced part can read and drive the chat', async () => {
  const { useChatSelector } = await import('@chatstream/react');
  function CountedMessage(props: MessageProps) {
    const count = useChatSelector((state) => state.messages.length);
    return <Message {...props} data-count={count} />;
  }
  const { fetch } = mockFetch([scenarios.basic, instant]);
  const screen = await render(
    <ChatStream fetch={fetch} components={{ Message: CountedMessage }} style={heightStyle} />,
  );
  await sendMessage(screen, 'Hi');
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  await expect.element(screen.getByRole('article', { name: 'You' })).toHaveAttribute('data-count', '2');
});

it('takes an existing session, part overrides, renderers and stats', async () => {
  const { fetch } = mockFetch([scenarios.basic, instant]);
  const chat = createChatSession({ fetch, maxTokens: 1024 });
  const screen = await render(
    <ChatStream
      chat={chat}
      showStats
      className="mine"
      data-testid="chat"
      style={heightStyle}
      renderers={{ text: ({ block }) => <p data-custom="">{block.text.toUpperCase()}</p> }}
      components={{ EmptyState: () => <p>Nothing yet</p> }}
    />,
  );
  await expect.element(screen.getByText('Nothing yet')).toBeVisible();
  await sendMessage(screen, 'Hi');
  await expect.element(screen.getByText(scenarios.basic.expectedText.toUpperCase())).toBeVisible();
  await expect
    .element(screen.getByRole('progressbar', { name: 'Output tokens used of max_tokens' }))
    .toBeVisible();
  const root = screen.getByTestId('chat');
  await expect.element(root).toHaveClass('mine');
  await expect.element(root).toHaveAttribute('data-slot', 'chat-stream');
  await expect.element(root).toHaveAttribute('data-state', 'ready');
  expect(chat.getSnapshot().messages).toHaveLength(2);
  await expectNoAxeViolations(screen.container);
});

it('takes options, parts and renderers given as undefined as left out', async () => {
  const { fetch } = mockFetch([scenarios.basic, { timing: 'instant' }]);
  const config: { model?: string; maxTokens?: number; placeholder?: string } = {};
  const screen = await render(
    <ChatStream
      fetch={fetch}
      api={undefined}
      model={config.model}
      maxTokens={config.maxTokens}
      placeholder={config.placeholder}
      components={{ Composer: undefined, EmptyState: undefined }}
      renderers={{ text: undefined }}
      style={heightStyle}
    />,
  );
  await sendMessage(screen, 'Hi');
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  expect(fetch).toHaveBeenCalledTimes(1);
  expect(fetch.mock.calls[0]?.[0]).toBe('/api/chat');
  const body = JSON.parse(fetch.mock.calls[0]?.[1]?.body as string) as Record<string, unknown>;
  expect(Object.keys(body)).toEqual(['messages']);
});

it('keeps its conversation over a reload with persist, its earlier versions too, none of it on the root element', async () => {
  sessionStorage.clear();
  const { fetch } = mockFetch(
    [scenarios.basic, instant],
    [scenario('again').text('Hello once more.').stop('end_turn'), instant],
  );
  const components = { Message: MessageWithActions };
  const first = await render(
    <ChatStream fetch={fetch} persist="chat" components={components} style={heightStyle} />,
  );
  await sendMessage(first, 'Hello');
  await expect.element(first.getByText(scenarios.basic.expectedText)).toBeVisible();
  await first.getByRole('button', { name: 'Regenerate' }).click();
  // Shown, and said (it came whole, within a frame).
  await expect.element(first.getByRole('log').getByText('Hello once more.')).toBeVisible();
  await expect.poll(() => announced(first.container)).toContain('Hello once more.');
  const root = first.container.querySelector('[data-slot="chat-stream"]')!;
  expect(root.getAttributeNames().filter((name) => /persist|initial/iu.test(name))).toEqual([]);
  await first.unmount();

  // As after a reload: a new <ChatStream> with the same key starts where the first one was.
  const second = await render(
    <ChatStream fetch={fetch} persist="chat" components={components} style={heightStyle} />,
  );
  await expect.element(second.getByRole('article', { name: 'You' })).toHaveTextContent('Hello');
  await expect.element(second.getByText('Hello once more.')).toBeVisible();
  await second.getByRole('button', { name: 'Previous version' }).click();
  await expect.element(second.getByText(scenarios.basic.expectedText)).toBeVisible();
  expect(fetch).toHaveBeenCalledTimes(2);
  // History, not news: neither the restored answer nor the version shown is said.
  expect(announced(second.container)).toEqual([]);
  sessionStorage.clear();
});

it('tells a server it never reached from a connection lost mid-answer', async () => {
  const dropped = vi.fn<typeof globalThis.fetch>(async () =>
    createMockResponse(faultScenarios.droppedConnection, instant),
  );
  const first = await render(<ChatStream fetch={dropped} retry={{ maxRetries: 0 }} />);
  await sendMessage(first, 'Hi');
  await expect.element(first.getByRole('log').getByText('The connection was lost')).toBeVisible();
  await first.unmount();
  // What a browser reports for a refused connection, being offline, or a missing CORS header.
  const unreachable = vi.fn<typeof globalThis.fetch>(async () => {
    throw new TypeError('Failed to fetch');
  });
  const second = await render(<ChatStream fetch={unreachable} retry={{ maxRetries: 0 }} />);
  await sendMessage(second, 'Hi');
  await expect.element(second.getByRole('log').getByText('Could not reach the server')).toBeVisible();
});

it('says a short answer that came whole within one frame, as one that streamed', async () => {
  const { fetch } = mockFetch([scenarios.basic, instant]);
  const screen = await render(<ChatStream fetch={fetch} style={heightStyle} />);
  await sendMessage(screen, 'Hello');
  await expect.element(screen.getByRole('log').getByText(scenarios.basic.expectedText)).toBeVisible();
  await expect.poll(() => announced(screen.container).join(' ')).toBe(scenarios.basic.expectedText);
});

it('says nothing of an earlier answer while a regeneration waits for its new one', async () => {
  const { fetch } = mockFetch([scenario('again').text('Fresh answer.').stop('end_turn'), instant]);
  const initialMessages: ChatMessage[] = [
    { id: 'u1', role: 'user', content: [{ type: 'text', text: 'First' }] },
    {
      id: 'a1',
      role: 'assistant',
      status: 'complete',
      content: [{ type: 'text', text: 'Old first answer.' }],
    },
    { id: 'u2', role: 'user', content: [{ type: 'text', text: 'Second' }] },
    {
      id: 'a2',
      role: 'assistant',
      status: 'complete',
      content: [{ type: 'text', text: 'Old second answer.' }],
    },
  ];
  const screen = await render(
    <ChatStream fetch={fetch} initialMessages={initialMessages} style={heightStyle} />,
  );
  await screen.getByRole('button', { name: 'Regenerate' }).click();
  await expect.element(screen.getByRole('log').getByText('Fresh answer.')).toBeVisible();
  await expect.poll(() => announced(screen.container)).toEqual(['Fresh answer.']);
});

it('says nothing of the conversation it switches to, though the one it left was streaming', async () => {
  const { promise: held, resolve: release } = deferred<void>();
  const { fetch } = mockFetch([scenarios.longAnswer, slow, held]);
  const left = createChatSession({ fetch });
  const opened = createChatSession({
    initialMessages: [
      { id: 'bu', role: 'user', content: [{ type: 'text', text: 'Q' }] },
      { id: 'ba', role: 'assistant', status: 'aborted', content: [{ type: 'text', text: 'History of B.' }] },
    ],
  });
  const screen = await render(<ChatStream chat={left} style={heightStyle} />);
  void left.send('Hello');
  await expect.poll(() => left.getSnapshot().status).toBe('streaming');
  await screen.rerender(<ChatStream chat={opened} style={heightStyle} />);
  await expect.element(screen.getByRole('log').getByText('History of B.')).toBeVisible();
  await new Promise((resolve) => setTimeout(resolve, 50));
  // Neither its answer nor that it was stopped: it is history.
  expect(announced(screen.container)).toEqual([]);
  release();
  await left.stop();
});
