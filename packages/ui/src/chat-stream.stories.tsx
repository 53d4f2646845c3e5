import { faultScenarios, scenarios } from '@chatstream/mocks';
import { expect, spyOn, waitFor, within } from 'storybook/test';
import type { StoryContext } from '@storybook/react-vite';
import preview from '../../../.storybook/preview.tsx';
import { createChatHandlers } from '@chatstream/mocks/msw';
import { MessageWithActions } from './actions/index.ts';
import { AttachmentComposer, attachmentRenderers } from './attachments/index.ts';
import { ChatStream } from './chat-stream.tsx';
import { markdownRenderText } from './markdown/index.ts';
import { smoothRenderText } from './smooth/index.ts';
import { ReadAloud } from './speech/index.ts';
import {
  continuationText,
  french,
  longConversation,
  rtl,
  storyScenarios,
  weatherAnswerText,
  weatherResult,
} from './stories/fixtures.ts';
import {
  liveTiming,
  sendPrompt,
  serveChat,
  streamTimeout,
  underTest,
  waitUntilSettled,
} from './stories/live.ts';
import { scenePng, scenePngFile } from './stories/scene-png.ts';

const weatherInput = {
  type: 'object',
  properties: { location: { type: 'string' }, unit: { type: 'string' } },
  required: ['location'],
} as const;

/** The weather tool of the stories: answers after a short wait, as a real lookup would. */
async function getWeather(): Promise<typeof weatherResult> {
  await new Promise((resolve) => setTimeout(resolve, underTest ? 50 : 800));
  return weatherResult;
}

/** Asks for the weather in Paris and waits for the weather tool's card. */
async function askForWeather(context: Pick<StoryContext, 'canvas' | 'userEvent'>): Promise<HTMLElement> {
  await sendPrompt(context, 'What is the weather in Paris?');
  return context.canvas.findByRole('group', { name: 'Tool call: get_weather' }, { timeout: streamTimeout });
}

const meta = preview.meta({
  component: ChatStream,
  title: 'ChatStream',
  parameters: {
    docs: {
      description: {
        component:
          'The drop-in chat. Every story here streams for real: `POST /api/chat` is answered by `@chatstream/mocks` ' +
          'through the MSW worker, at the pace of the API. Type a message (or `[scenario:toolUse]`, `refusal`, … to ' +
          'pick a catalogue scenario).',
      },
    },
  },
  args: {
    api: '/api/chat',
    maxTokens: 1024,
    style: { blockSize: 540 },
    suggestions: ['Explain SSE in one paragraph', 'Write a haiku about streams'],
  },
});

/** An empty conversation with suggestions; picking one sends it and the answer streams in. */
export const Empty = meta.story({
  beforeEach: serveChat([scenarios.basic]),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: 'Explain SSE in one paragraph' }));
    await expect(
      await canvas.findByText(scenarios.basic.expectedText, {}, { timeout: streamTimeout }),
    ).toBeVisible();
    await expect(canvas.getByRole('article', { name: 'You' })).toHaveTextContent(
      'Explain SSE in one paragraph',
    );
    await waitUntilSettled(context);
  },
});

/**
 * Send → stream → complete: the transcript is busy while the answer streams (markdown, stats), then
 * Regenerate appears and focus is back in the composer.
 */
export const Streaming = meta.story({
  args: { renderText: markdownRenderText, showStats: true },
  beforeEach: serveChat([scenarios.longAnswer]),
  play: async (context) => {
    const { canvas } = context;
    const box = await sendPrompt(context, 'Why does streaming matter?');
    const log = canvas.getByRole('log', { name: 'Conversation' });
    await waitFor(() => expect(log).toHaveAttribute('aria-busy', 'true'));
    await expect(canvas.getByRole('button', { name: 'Stop' })).toBeVisible();
    await expect(
      await canvas.findByRole('heading', { name: 'Why streaming matters' }, { timeout: streamTimeout }),
    ).toBeVisible();
    await waitUntilSettled(context);
    const answer = canvas.getByRole('article', { name: 'Claude' });
    await expect(
      within(answer).getByText(/deserves a clear message rather than a frozen screen/),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Regenerate' })).toBeVisible();
    await expect(canvas.getByRole('progressbar', { name: 'Output tokens used of max_tokens' })).toBeVisible();
    await expect(box).toHaveFocus();
  },
});

/**
 * With `@chatstream/ui/actions`: Copy under each message (the answer as its markdown), and Edit on
 * the question. Editing it asks again; "‹ 2 / 2 ›" then goes back to the question as first asked,
 * with its answer. The actions show on hover and focus, always on the last answer.
 */
export const WithMessageActions = meta.story({
  args: { components: { Message: MessageWithActions }, renderText: markdownRenderText },
  beforeEach: serveChat([scenarios.basic, scenarios.longAnswer]),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await sendPrompt(context, 'What is SSE?');
    await waitUntilSettled(context);
    const answer = canvas.getByRole('article', { name: 'Claude' });
    await userEvent.click(within(answer).getByRole('button', { name: 'Copy' }));
    await expect(await within(answer).findByRole('button', { name: 'Copied' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Edit' }));
    await userEvent.keyboard(' Answer with headings.{Enter}');
    await expect(
      await canvas.findByRole('heading', { name: 'Why streaming matters' }, { timeout: streamTimeout }),
    ).toBeVisible();
    await expect(canvas.getByRole('article', { name: 'You' })).toHaveTextContent(
      'What is SSE? Answer with headings.',
    );
    await waitUntilSettled(context);
    // The question as first asked is still there, with its answer: "‹ 2 / 2 ›" goes back to it.
    await userEvent.click(canvas.getByRole('button', { name: 'Previous version' }));
    await expect(canvas.getByRole('article', { name: 'You' })).toHaveTextContent('What is SSE?');
    await expect(canvas.getByText(scenarios.basic.expectedText)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Next version' }));
    await expect(canvas.getByRole('group', { name: 'Version 2 of 2' })).toBeVisible();
  },
});

/**
 * With `@chatstream/ui/smooth`: the answer shows at an even pace, a few characters every frame,
 * instead of in the bursts the network delivers; markdown still renders as it goes.
 */
export const WithSmoothReveal = meta.story({
  args: { renderText: smoothRenderText(markdownRenderText) },
  beforeEach: serveChat([scenarios.longAnswer]),
  play: async (context) => {
    const { canvas } = context;
    await sendPrompt(context, 'Why does streaming matter?');
    await expect(
      await canvas.findByRole('heading', { name: 'Why streaming matters' }, { timeout: streamTimeout }),
    ).toBeVisible();
    await waitUntilSettled(context);
    await expect(
      await canvas.findByText(/rather than a frozen screen\.$/, undefined, { timeout: streamTimeout }),
    ).toBeVisible();
  },
});

/**
 * With `@chatstream/ui/speech`: each sentence is read aloud with the browser's voice as soon as it
 * is complete, while the answer still streams (turn the sound on). Screen readers still hear the
 * polite live region.
 */
export const ReadsAnswersAloud = meta.story({
  args: { components: { Announcer: ReadAloud }, renderText: markdownRenderText },
  beforeEach: serveChat([scenarios.longAnswer]),
  play: async (context) => {
    const speak = spyOn(window.speechSynthesis, 'speak');
    try {
      await sendPrompt(context, 'Why does streaming matter?');
      await waitUntilSettled(context);
      await waitFor(() => expect(speak.mock.calls.length).toBeGreaterThan(5));
      const sentences = speak.mock.calls.map(([utterance]) => utterance.text);
      await expect(sentences.slice(0, 2)).toEqual([
        'Why streaming matters',
        expect.stringMatching(/^Streaming lets a chat interface show the answer as it is written/u),
      ]);
      await expect(sentences).toContain('Code block in ts, 3 lines.');
    } finally {
      speak.mockRestore();
    }
  },
});

/**
 * With `@chatstream/ui/attachments`: the image picked goes up with the question and shows in the
 * user's message; the mock API answers by describing what it received.
 */
export const WithAttachments = meta.story({
  args: { components: { Composer: AttachmentComposer }, renderers: attachmentRenderers },
  beforeEach: async ({ msw }) => {
    msw.use(...createChatHandlers({ timing: liveTiming() }).handlers);
  },
  play: async (context) => {
    const { canvas, canvasElement, userEvent } = context;
    const picker = canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!;
    await userEvent.upload(picker, [scenePngFile(640, 400)]);
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-slot="attachment"]')).toHaveAttribute('data-state', 'ready'),
    );
    await sendPrompt(context, 'What is in this picture?');
    const question = canvas.getByRole('article', { name: 'You' });
    await expect(await within(question).findByRole('img', { name: 'PNG image' })).toBeVisible();
    await expect(
      await canvas.findByText(
        /I received 1 attachment: a PNG image, 640 × 400 px/,
        {},
        { timeout: streamTimeout },
      ),
    ).toBeVisible();
    await waitUntilSettled(context);
  },
});

/** Sent, nothing streamed yet: the typing indicator, until the first token. */
export const Submitted = meta.story({
  beforeEach: serveChat([scenarios.basic], {
    pace: underTest ? { timeToFirstToken: 1500, tokensPerSecond: 400 } : { timeToFirstToken: 4000 },
  }),
  play: async (context) => {
    const { canvas } = context;
    await sendPrompt(context, 'Hello');
    await expect(await canvas.findByRole('status')).toHaveTextContent('Claude is thinking…');
    await expect(
      await canvas.findByText(scenarios.basic.expectedText, {}, { timeout: streamTimeout }),
    ).toBeVisible();
    await expect(canvas.queryByRole('status')).toBeNull();
  },
});

/** Claude is overloaded before anything streamed: the indicator says so and that it tries again, then the answer streams. */
export const RetryingAfterOverload = meta.story({
  args: { retry: { initialDelayMs: underTest ? 600 : 2500 } },
  beforeEach: serveChat([faultScenarios.overloaded, scenarios.basic]),
  play: async (context) => {
    const { canvas } = context;
    await sendPrompt(context, 'Hello');
    await waitFor(() =>
      expect(canvas.getByRole('status')).toHaveTextContent(
        'Claude is overloaded right now. Trying again (attempt 2)…',
      ),
    );
    await expect(
      await canvas.findByText(scenarios.basic.expectedText, {}, { timeout: streamTimeout }),
    ).toBeVisible();
    await expect(canvas.queryByRole('status')).toBeNull();
  },
});

/**
 * A client tool: its input JSON streams in one character at a time, the tool runs in the browser,
 * its result shows in the card and the conversation continues by itself.
 */
export const ToolInputStreaming = meta.story({
  args: { tools: { get_weather: { inputSchema: weatherInput, execute: getWeather } } },
  beforeEach: serveChat([scenarios.toolUse, storyScenarios.weatherAnswer], {
    pace: underTest ? { timeToFirstToken: 50, tokensPerSecond: 60 } : { tokensPerSecond: 25 },
  }),
  play: async (context) => {
    const { canvas } = context;
    const card = await askForWeather(context);
    await expect(card).toHaveAttribute('data-state', 'input-streaming');
    await expect(await canvas.findByText(weatherAnswerText, {}, { timeout: streamTimeout })).toBeVisible();
    await expect(card).toHaveAttribute('data-state', 'done');
    await expect(within(card).getByText(/Partly cloudy/)).toBeVisible();
    await waitUntilSettled(context);
  },
});

/** A tool that needs approval waits in the card; Approve runs it and the answer continues. */
export const AwaitingApproval = meta.story({
  args: { tools: { get_weather: { inputSchema: weatherInput, needsApproval: true, execute: getWeather } } },
  beforeEach: serveChat([scenarios.toolUse, storyScenarios.weatherAnswer]),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await sendPrompt(context, 'What is the weather in Paris?');
    const approve = await canvas.findByRole('button', { name: 'Approve' }, { timeout: streamTimeout });
    const card = canvas.getByRole('group', { name: 'Tool call: get_weather' });
    await expect(card).toHaveAttribute('data-state', 'awaiting-approval');
    await userEvent.click(approve);
    await expect(await canvas.findByText(weatherAnswerText, {}, { timeout: streamTimeout })).toBeVisible();
    await expect(card).toHaveAttribute('data-state', 'done');
    await expect(canvas.queryByRole('button', { name: 'Approve' })).toBeNull();
  },
});

/**
 * A client tool that returns a picture beside its text (a chart, a screenshot): with
 * `attachmentRenderers` the card draws it, and the model receives it as the tool result's image.
 */
export const ToolReturnsAnImage = meta.story({
  args: {
    renderers: attachmentRenderers,
    tools: {
      get_weather: {
        inputSchema: weatherInput,
        execute: async () => [
          { type: 'text', text: JSON.stringify(await getWeather(), null, 2) },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: scenePng(480, 240) } },
        ],
      },
    },
  },
  beforeEach: serveChat([scenarios.toolUse, storyScenarios.weatherAnswer]),
  play: async (context) => {
    const { canvas } = context;
    const card = await askForWeather(context);
    await expect(
      await within(card).findByRole('img', { name: 'PNG image' }, { timeout: streamTimeout }),
    ).toBeVisible();
    await expect(within(card).getByText(/Partly cloudy/)).toBeVisible();
    await expect(await canvas.findByText(weatherAnswerText, {}, { timeout: streamTimeout })).toBeVisible();
    await waitUntilSettled(context);
  },
});

/** Extended thinking streams open, then collapses to "Thought for N seconds"; it opens on demand. */
export const Thinking = meta.story({
  args: { renderText: markdownRenderText },
  beforeEach: serveChat([scenarios.thinking]),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await sendPrompt(context, 'What is 17 × 23?');
    await expect(await canvas.findByText('391', {}, { timeout: streamTimeout })).toBeVisible();
    await waitUntilSettled(context);
    const summary = await canvas.findByText(/^Thought for \d+ seconds?$/);
    const details = summary.closest('details')!;
    await expect(details).not.toHaveAttribute('open');
    await userEvent.click(summary);
    await expect(details).toHaveAttribute('open');
  },
});

/** A server web search: the query, the results as links, then an answer that cites them. */
export const WebSearch = meta.story({
  beforeEach: serveChat([scenarios.webSearch]),
  play: async (context) => {
    const { canvas } = context;
    await sendPrompt(context, 'What has the James Webb telescope found lately?');
    await expect(
      await canvas.findByRole('group', { name: 'Web search' }, { timeout: streamTimeout }),
    ).toBeVisible();
    await expect(
      await canvas.findByText(/It also analysed the atmosphere/, {}, { timeout: streamTimeout }),
    ).toBeVisible();
    await waitUntilSettled(context);
    await expect(canvas.getAllByRole('link', { name: /Webb spots a distant galaxy/ }).length).toBeGreaterThan(
      0,
    );
    await expect(canvas.getAllByRole('list', { name: 'Sources' }).length).toBeGreaterThan(0);
  },
});

/**
 * The stream breaks off with an `overloaded_error` event: the partial answer stays and the notice
 * says what failed; Retry continues the answer in place.
 */
export const ErrorMidStream = meta.story({
  beforeEach: serveChat([scenarios.overloadedMidStream, storyScenarios.continuation]),
  play: async (context) => {
    const { canvas, canvasElement, userEvent } = context;
    await sendPrompt(context, 'Tell me about the printing press.');
    const retry = await canvas.findByRole('button', { name: 'Retry' }, { timeout: streamTimeout });
    const notice = canvasElement.querySelector<HTMLElement>('[data-slot="error-notice"]')!;
    await expect(within(notice).getByText('Claude is overloaded right now')).toBeVisible();
    await expect(within(notice).getByText(/The partial answer above was kept/)).toBeVisible();
    const answer = canvas.getByRole('article', { name: 'Claude' });
    await expect(answer).toHaveTextContent('developed around 1440 by Johannes Gutenberg, made books');
    await userEvent.click(retry);
    await waitFor(() => expect(answer).toHaveTextContent(continuationText.trim()), {
      timeout: streamTimeout,
    });
    await expect(canvas.queryByRole('button', { name: 'Retry' })).toBeNull();
    await waitUntilSettled(context);
  },
});

/**
 * Behind a relay with `resume` on, the connection drops 1,600 bytes into the answer (a train tunnel):
 * the chat asks the relay for the events after the last one it read and reads on. No error, nothing
 * shown twice, nothing asked again.
 */
export const ReadsOnAfterADroppedConnection = meta.story({
  args: { renderText: markdownRenderText },
  beforeEach: serveChat([faultScenarios.droppedConnection], { resume: true }),
  play: async (context) => {
    const { canvas } = context;
    await sendPrompt(context, 'Why does streaming matter?');
    await waitUntilSettled(context);
    const answer = canvas.getByRole('article', { name: 'Claude' });
    await waitFor(() => expect(answer).toHaveTextContent('rather than a frozen screen.'), {
      timeout: streamTimeout,
    });
    await expect(canvas.queryByRole('alert')).toBeNull();
    // Nothing twice: the answer's first line is there once.
    await expect(answer.textContent?.split('Why streaming matters')).toHaveLength(2);
  },
});

/**
 * A conversation saved (as JSON) when its answer had failed, given back after a reload through
 * `initialMessages`: it comes back as it was, the notice and Retry included, and Retry continues it.
 */
export const SavedFailure = meta.story({
  args: {
    initialMessages: [
      { id: 'saved-1', role: 'user', content: [{ type: 'text', text: 'Tell me about the printing press.' }] },
      {
        id: 'saved-2',
        role: 'assistant',
        status: 'error',
        content: [{ type: 'text', text: scenarios.overloadedMidStream.expectedText }],
        // What JSON.stringify keeps of the StreamEventError (its toJSON).
        error: JSON.parse(
          '{"name":"StreamEventError","kind":"stream-event","message":"Overloaded","errorType":"overloaded_error"}',
        ),
      },
    ],
  },
  beforeEach: serveChat([storyScenarios.continuation]),
  play: async (context) => {
    const { canvas, canvasElement, userEvent } = context;
    const notice = canvasElement.querySelector<HTMLElement>('[data-slot="error-notice"]')!;
    await expect(within(notice).getByText('Claude is overloaded right now')).toBeVisible();
    const answer = canvas.getByRole('article', { name: 'Claude' });
    await expect(answer).toHaveAttribute('data-state', 'error');
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(answer).toHaveTextContent(continuationText.trim()), {
      timeout: streamTimeout,
    });
    await waitUntilSettled(context);
    await expect(answer).toHaveAttribute('data-state', 'complete');
  },
});

/** Stop mid-stream: the partial answer stays, marked as stopped, focus is back in the composer, and Continue is offered. */
export const Aborted = meta.story({
  beforeEach: serveChat([scenarios.longAnswer], { pace: 'slow' }),
  play: async (context) => {
    const { canvas, userEvent } = context;
    const box = await sendPrompt(context, 'Why does streaming matter?');
    const answer = await canvas.findByRole('article', { name: 'Claude' }, { timeout: streamTimeout });
    await waitFor(() => expect(answer).toHaveTextContent('Why streaming matters'), {
      timeout: streamTimeout,
    });
    await userEvent.click(canvas.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(answer).toHaveAttribute('data-state', 'aborted'));
    await waitUntilSettled(context);
    const partial = answer.textContent ?? '';
    await expect(partial).toContain('Why streaming matters');
    await expect(partial).not.toContain('frozen screen');
    await expect(box).toHaveFocus();
    await expect(canvas.getByRole('button', { name: 'Continue' })).toBeVisible();
    // Nothing more arrives after the stop.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(answer.textContent).toBe(partial);
  },
});

/** The model starts, then refuses (`stop_reason: 'refusal'`), and a notice says so. */
export const Refusal = meta.story({
  beforeEach: serveChat([scenarios.refusal]),
  play: async (context) => {
    const { canvas } = context;
    await sendPrompt(context, 'How do I get into my neighbour’s Wi-Fi?');
    await expect(
      await canvas.findByText(/step-by-step guide to/, {}, { timeout: streamTimeout }),
    ).toBeVisible();
    await waitUntilSettled(context);
    await expect(canvas.getByRole('status')).toHaveTextContent('Claude declined to continue');
  },
});

/** `max_tokens` cuts the answer mid-sentence: a notice says so and offers Continue; the stats show the budget used up. */
export const MaxTokens = meta.story({
  args: { showStats: true, maxTokens: 24 },
  beforeEach: serveChat([scenarios.maxTokens]),
  play: async (context) => {
    const { canvas } = context;
    await sendPrompt(context, 'Tell me about the Industrial Revolution.');
    await expect(
      await canvas.findByText(/The Industrial Revolution began/, {}, { timeout: streamTimeout }),
    ).toBeVisible();
    await waitUntilSettled(context);
    await expect(
      canvas.getByRole('progressbar', { name: 'Output tokens used of max_tokens' }),
    ).toHaveAttribute('aria-valuemax', '24');
    await expect(canvas.getByRole('status')).toHaveTextContent('The answer was cut off');
    await expect(canvas.getByRole('button', { name: 'Continue' })).toBeVisible();
  },
});

/** A long history: the transcript opens at the newest message and follows a new answer as it streams. */
export const LongConversation = meta.story({
  args: { initialMessages: longConversation, renderText: markdownRenderText },
  beforeEach: serveChat([scenarios.longAnswer]),
  play: async (context) => {
    const { canvas } = context;
    const log = canvas.getByRole('log', { name: 'Conversation' });
    await waitFor(() => expect(log.scrollTop).toBeGreaterThan(0));
    await sendPrompt(context, 'Once more, please.');
    await waitUntilSettled(context);
    await waitFor(() => expect(log.scrollHeight - log.scrollTop - log.clientHeight).toBeLessThan(48));
    await expect(canvas.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
  },
});

/** Right to left (`dir="rtl"`): the layout mirrors, Arabic streams in. */
export const RightToLeft = meta.story({
  args: { suggestions: rtl.suggestions, placeholder: rtl.placeholder },
  decorators: [
    (Story) => (
      <div dir="rtl" lang="ar">
        <Story />
      </div>
    ),
  ],
  beforeEach: serveChat([storyScenarios.rtlAnswer]),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await userEvent.click(await canvas.findByRole('button', { name: rtl.suggestions[0] }));
    await expect(await canvas.findByText(rtl.answer, {}, { timeout: streamTimeout })).toBeVisible();
    await waitUntilSettled(context);
  },
});

/**
 * In French: `labels` gives the drop-in's texts in the app's language (keys left out stay English);
 * a tool call waits for approval in French, and the answer streams after "Accepter".
 */
export const InFrench = meta.story({
  args: {
    labels: french,
    lang: 'fr',
    showStats: true,
    suggestions: ['Quel temps fait-il à Paris ?'],
    tools: { get_weather: { inputSchema: weatherInput, needsApproval: true, execute: getWeather } },
  },
  beforeEach: serveChat([scenarios.toolUse, storyScenarios.weatherAnswer]),
  play: async (context) => {
    const { canvas, userEvent } = context;
    await expect(canvas.getByText('Comment puis-je vous aider aujourd’hui ?')).toBeVisible();
    await expect(canvas.getByRole('textbox', { name: 'Message' })).toHaveAttribute(
      'placeholder',
      'Écrivez à Claude…',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Quel temps fait-il à Paris ?' }));
    const card = await canvas.findByRole(
      'group',
      { name: 'Appel d’outil : get_weather' },
      { timeout: streamTimeout },
    );
    await userEvent.click(
      await within(card).findByRole('button', { name: 'Accepter' }, { timeout: streamTimeout }),
    );
    await expect(await canvas.findByText(weatherAnswerText, {}, { timeout: streamTimeout })).toBeVisible();
    const log = canvas.getByRole('log', { name: 'Discussion' });
    await waitFor(() => expect(log).toHaveAttribute('aria-busy', 'false'), { timeout: streamTimeout });
    await expect(within(card).getByText('Terminé')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Régénérer' })).toBeVisible();
  },
});

/** The dark theme (`data-theme="dark"`; the toolbar's Theme switch does the same for every story). */
export const Dark = meta.story({
  globals: { theme: 'dark' },
  args: { renderText: markdownRenderText, showStats: true },
  beforeEach: serveChat([scenarios.longAnswer]),
  play: async (context) => {
    const { canvas, canvasElement } = context;
    await expect(canvasElement.querySelector('[data-theme="dark"]')).not.toBeNull();
    await sendPrompt(context, 'Why does streaming matter?');
    await expect(
      await canvas.findByRole('heading', { name: 'Why streaming matters' }, { timeout: streamTimeout }),
    ).toBeVisible();
    await waitUntilSettled(context);
  },
});
