import { createMockResponse, scenarios } from '@chatstream/mocks';
import type { ChatMessage } from '@chatstream/reader';
import { ChatStream, spokenText } from '@chatstream/ui';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render, type RenderResult } from 'vitest-browser-react';
import { browserSpeech, type SpeechOutput } from './speech-output.ts';
import { createReadAloud } from './read-aloud.tsx';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Writes down what it is asked to say, and whether the answer was still streaming then. */
function recorder(log: () => Element | null) {
  const said: { sentence: string; streaming: boolean }[] = [];
  let cancels = 0;
  const output: SpeechOutput = {
    speak: (sentence) => void said.push({ sentence, streaming: log()?.getAttribute('aria-busy') === 'true' }),
    cancel: () => void (cancels += 1),
  };
  return { output, said, cancels: () => cancels };
}

const words = (text: string): string => text.replaceAll(/\s+/gu, ' ').trim();

/** Answers every request with the long markdown answer, slowly enough to act while it streams. */
const slowFetch: typeof globalThis.fetch = async () =>
  createMockResponse(scenarios.longAnswer, {
    timing: { timeToFirstToken: 20, tokensPerSecond: 40, jitter: 0 },
  });

describe('createReadAloud', () => {
  it('reads the answer aloud a sentence at a time while it streams, and all of it', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      createMockResponse(scenarios.longAnswer, {
        timing: { timeToFirstToken: 20, tokensPerSecond: 400, jitter: 0 },
      }),
    );
    const speech = recorder(() => document.querySelector('[role="log"]'));
    const ReadAloud = createReadAloud({ output: speech.output, locale: 'en' });
    const screen = await render(<ChatStream fetch={fetch} components={{ Announcer: ReadAloud }} />);
    await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Why does streaming matter?');
    await userEvent.keyboard('{Enter}');
    await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');

    const heard = speech.said.map(({ sentence }) => sentence);
    // The answer as prose, its one bold phrase said without its markers.
    const prose = spokenText(scenarios.longAnswer.expectedText, true).replaceAll('**', '');
    expect(words(heard.join(' '))).toBe(words(prose));
    expect(heard.length).toBeGreaterThan(5);
    // Listening starts with the first sentence, not after the whole answer.
    expect(speech.said[0]?.streaming).toBe(true);
    // Screen readers still hear the live region.
    expect(screen.container.querySelector('[data-slot="announcer"]')?.textContent).not.toBe('');
  });

  it('reads a short answer that came whole within one frame', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      createMockResponse(scenarios.basic, { timing: 'instant' }),
    );
    const speech = recorder(() => null);
    const ReadAloud = createReadAloud({ output: speech.output, locale: 'en' });
    const screen = await render(<ChatStream fetch={fetch} components={{ Announcer: ReadAloud }} />);
    await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Hello');
    await userEvent.keyboard('{Enter}');
    await expect
      .poll(() => speech.said.map(({ sentence }) => sentence).join(' '))
      .toBe(scenarios.basic.expectedText);
  });

  it('reads the answer after a tool call on from its first turn, without cutting that off', async () => {
    const answers = [scenarios.toolUse, scenarios.basic];
    const fetch = vi.fn<typeof globalThis.fetch>(async () =>
      createMockResponse(answers.shift()!, {
        timing: { timeToFirstToken: 20, tokensPerSecond: 200, jitter: 0 },
      }),
    );
    const speech = recorder(() => null);
    const ReadAloud = createReadAloud({ output: speech.output, locale: 'en' });
    const execute = vi.fn<() => Promise<{ temperature: number }>>(async () => ({ temperature: 18 }));
    const screen = await render(
      <ChatStream
        fetch={fetch}
        tools={{ get_weather: { inputSchema: { type: 'object' }, execute } }}
        components={{ Announcer: ReadAloud }}
      />,
    );
    await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Weather in Paris?');
    await userEvent.keyboard('{Enter}');
    await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
    await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');
    const heard = words(speech.said.map(({ sentence }) => sentence).join(' '));
    expect(heard).toBe(words(`${scenarios.toolUse.expectedText} ${scenarios.basic.expectedText}`));
    expect(speech.cancels()).toBe(0);
  });

  it('does not read history', async () => {
    const speech = recorder(() => null);
    const ReadAloud = createReadAloud({ output: speech.output });
    const answer: ChatMessage = {
      id: 'a1',
      role: 'assistant',
      status: 'complete',
      content: [{ type: 'text', text: 'One. Two.' }],
    };
    const screen = await render(
      <ChatStream initialMessages={[answer]} components={{ Announcer: ReadAloud }} />,
    );
    await expect.element(screen.getByText('One. Two.')).toBeVisible();
    expect(speech.said).toEqual([]);
    expect(speech.cancels()).toBe(0);
  });

  for (const [how, silence] of [
    [
      'the answer is stopped',
      async (screen: RenderResult) => screen.getByRole('button', { name: 'Stop' }).click(),
    ],
    [
      'it is swapped back for the plain announcer',
      async (screen: RenderResult) => {
        await screen.rerender(<ChatStream fetch={slowFetch} />);
      },
    ],
  ] as const) {
    it(`falls silent at once when ${how}`, async () => {
      const speech = recorder(() => null);
      const ReadAloud = createReadAloud({ output: speech.output, locale: 'en' });
      const screen = await render(<ChatStream fetch={slowFetch} components={{ Announcer: ReadAloud }} />);
      await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Why does streaming matter?');
      await userEvent.keyboard('{Enter}');
      await vi.waitFor(() => expect(speech.said.length).toBeGreaterThan(0));
      await silence(screen);
      await vi.waitFor(() => expect(speech.cancels()).toBe(1));
      const heard = speech.said.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(speech.said).toHaveLength(heard);
    });
  }
});

it('reads on from where it stopped when a stopped answer is continued, saying nothing twice', async () => {
  const speech = recorder(() => null);
  const ReadAloud = createReadAloud({ output: speech.output, locale: 'en' });
  let asked = 0;
  // The answer, then its continuation: the rest, carried on in the same message.
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) =>
    (asked += 1) === 1
      ? slowFetch(input, init)
      : createMockResponse(scenarios.basic, {
          timing: { timeToFirstToken: 20, tokensPerSecond: 200, jitter: 0 },
        }),
  );
  const screen = await render(<ChatStream fetch={fetch} components={{ Announcer: ReadAloud }} />);
  await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Why does streaming matter?');
  await userEvent.keyboard('{Enter}');
  await vi.waitFor(() => expect(speech.said.length).toBeGreaterThan(1), { timeout: 8000 });
  await screen.getByRole('button', { name: 'Stop' }).click();
  await screen.getByRole('button', { name: 'Continue' }).click();
  await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');
  const heard = speech.said.map(({ sentence }) => sentence);
  // Before: Continue said every sentence before the stop again, then nothing of what followed.
  expect(new Set(heard).size).toBe(heard.length);
  expect(words(heard.join(' '))).toContain(words(scenarios.basic.expectedText));
});

it('falls silent as the person asks something new, though the answer before had finished streaming', async () => {
  const speech = recorder(() => null);
  const ReadAloud = createReadAloud({ output: speech.output, locale: 'en' });
  let answered = 0;
  // The first answer comes at once; the second question's answer never starts.
  const fetch = vi.fn<typeof globalThis.fetch>(async () =>
    (answered += 1) === 1
      ? createMockResponse(scenarios.longAnswer, {
          timing: { timeToFirstToken: 20, tokensPerSecond: 400, jitter: 0 },
        })
      : new Promise<Response>(() => undefined),
  );
  const screen = await render(<ChatStream fetch={fetch} components={{ Announcer: ReadAloud }} />);
  const box = screen.getByRole('textbox', { name: 'Message' });
  await userEvent.fill(box, 'Why does streaming matter?');
  await userEvent.keyboard('{Enter}');
  await expect.element(screen.getByRole('log')).toHaveAttribute('aria-busy', 'false');
  expect(speech.said.length).toBeGreaterThan(0);
  expect(speech.cancels()).toBe(0);
  await userEvent.fill(box, 'Never mind: what time is it?');
  await userEvent.keyboard('{Enter}');
  await vi.waitFor(() => expect(speech.cancels()).toBe(1));
});

describe('browserSpeech', () => {
  it('speaks each sentence as an utterance with the voice options, and cancels the queue', () => {
    const speak = vi.spyOn(window.speechSynthesis, 'speak').mockImplementation(() => undefined);
    const cancel = vi.spyOn(window.speechSynthesis, 'cancel').mockImplementation(() => undefined);
    const output = browserSpeech({ lang: 'fr-FR', rate: 1.25, pitch: 0.75, volume: 0.5 });
    output.speak('Bonjour.');
    output.speak('Ça va ?');
    output.cancel();
    const utterances = speak.mock.calls.map(([utterance]) => utterance);
    expect(
      utterances.map(({ text, lang, rate, pitch, volume }) => ({ text, lang, rate, pitch, volume })),
    ).toEqual([
      { text: 'Bonjour.', lang: 'fr-FR', rate: 1.25, pitch: 0.75, volume: 0.5 },
      { text: 'Ça va ?', lang: 'fr-FR', rate: 1.25, pitch: 0.75, volume: 0.5 },
    ]);
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});
