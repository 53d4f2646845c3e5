import { expect, fn } from 'storybook/test';
import preview from '../../../.storybook/preview.tsx';
import { markdownRenderText } from './markdown/index.ts';
import { MessageContent } from './message-content.tsx';
import { fixtures } from './stories/fixtures.ts';

const meta = preview.meta({
  component: MessageContent,
  title: 'Parts/MessageContent',
  args: { onApprove: fn(), onToolResult: fn() },
});

/** Text still streaming, with the cursor at its end. */
export const Streaming = meta.story({
  args: { message: fixtures.streaming },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-slot="streaming-cursor"]')).not.toBeNull();
  },
});

/** The same answer through the markdown renderer (`@chatstream/ui/markdown`), mid-stream. */
export const StreamingMarkdown = meta.story({
  args: { message: fixtures.streaming, renderText: markdownRenderText },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'Why streaming matters' })).toBeVisible();
  },
});

/** Complete, in markdown. */
export const Complete = meta.story({ args: { message: fixtures.complete, renderText: markdownRenderText } });

/** A tool call whose input JSON is still arriving, pretty-printed as far as it goes. */
export const ToolInputStreaming = meta.story({
  args: { message: fixtures.toolInputStreaming },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'Tool call: get_weather' })).toHaveAttribute(
      'data-state',
      'input-streaming',
    );
  },
});

/** A tool call waiting for approval: Approve runs it, Deny sends an error result back. */
export const AwaitingApproval = meta.story({
  args: { message: fixtures.awaitingApproval },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Approve' }));
    await expect(args.onApprove).toHaveBeenCalledWith(expect.stringMatching(/^toolu_/), true);
  },
});

/** Extended thinking still streaming: the disclosure is open. */
export const Thinking = meta.story({
  args: { message: fixtures.thinkingStreaming },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Thinking…')).toBeVisible();
  },
});

/** Thinking done: collapsed to a summary, then the answer. */
export const ThinkingDone = meta.story({
  args: { message: fixtures.thinkingDone, renderText: markdownRenderText },
});

/** A server web search, its results as links, then an answer with citations. */
export const WebSearch = meta.story({
  args: { message: fixtures.webSearch },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('link', { name: /Webb spots a distant galaxy/ }).length).toBeGreaterThan(
      0,
    );
  },
});

/** The web search is still running. */
export const WebSearchRunning = meta.story({ args: { message: fixtures.webSearchRunning } });

/** `stop_reason: 'refusal'`: the text stops where the model declined. */
export const Refusal = meta.story({ args: { message: fixtures.refusal } });

/** `max_tokens` cut the answer mid-sentence. */
export const MaxTokens = meta.story({ args: { message: fixtures.maxTokens } });

/** `max_tokens` cut inside a tool call's input: the tool is marked as cut off and never runs. */
export const MaxTokensInToolInput = meta.story({
  args: { message: fixtures.maxTokensInToolInput },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'Tool call: write_file' })).toHaveAttribute(
      'data-state',
      'input-incomplete',
    );
  },
});

/** Thinking, redacted thinking and text. */
export const RedactedThinking = meta.story({ args: { message: fixtures.redactedThinking } });

/** A block type this package does not know (`future_block`) is drawn by the fallback. */
export const UnknownBlock = meta.story({ args: { message: fixtures.futureBlock } });

/** CJK, emoji, Arabic and Hebrew, and a tool call with non-Latin input. */
export const Unicode = meta.story({ args: { message: fixtures.unicode } });

/**
 * An answer in Hebrew with a line of English, in markdown: each paragraph, item and heading reads in
 * its own direction in a left-to-right page; the code stays left to right.
 */
export const RightToLeft = meta.story({
  args: {
    message: {
      id: 'msg_rtl',
      role: 'assistant',
      status: 'complete',
      content: [
        {
          type: 'text',
          text:
            '## סיכום\n\nהזרמת תשובות מציגה את הטקסט **בזמן שהוא נכתב**.\n\n' +
            'Streaming shows the answer as it is written.\n\n- זמן עד המילה הראשונה\n- קצב אחיד\n\n' +
            '```js\n// קורא את הזרם\nfor await (const text of stream.textStream) output.append(text);\n```',
        },
      ],
    },
    renderText: markdownRenderText,
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { name: 'סיכום' })).toHaveAttribute('dir', 'rtl');
    await expect(canvas.getByText('Streaming shows the answer as it is written.')).toHaveAttribute(
      'dir',
      'ltr',
    );
    await expect(canvas.getByRole('list')).toHaveAttribute('dir', 'rtl');
  },
});

/** Replace the renderer of one block type. */
export const CustomRenderer = meta.story({
  args: {
    message: fixtures.toolDone,
    renderers: {
      tool_use: ({ block }) => <p data-testid="custom-tool">🔧 Called {block.name}</p>,
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByTestId('custom-tool')).toHaveTextContent('Called get_weather');
  },
});
