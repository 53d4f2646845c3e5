import type { ReactNode } from 'react';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { markdownRenderText } from '../markdown/index.ts';
import { errors, fixtures, longConversation, rtl, streamStats } from './fixtures.ts';
import { StaticChat, type StaticChatProps } from './static-chat.tsx';

interface State {
  title: string;
  chat: StaticChatProps;
  /** Attributes of the panel's wrapper (`dir`, `lang`, `data-theme`). */
  frame?: Record<string, string>;
}

const f = fixtures;

const STATES: readonly State[] = [
  { title: 'Empty', chat: { messages: [], suggestions: ['Explain SSE in one paragraph', 'Write a haiku'] } },
  { title: 'Submitted', chat: { messages: [f.question], status: 'submitted' } },
  { title: 'Streaming', chat: { messages: [f.question, f.streaming], status: 'streaming' } },
  {
    title: 'Tool input streaming',
    chat: { messages: [f.weatherQuestion, f.toolInputStreaming], status: 'streaming' },
  },
  {
    title: 'Awaiting approval',
    chat: { messages: [f.weatherQuestion, f.awaitingApproval], onApprove: () => {} },
  },
  { title: 'Thinking', chat: { messages: [f.mathQuestion, f.thinkingStreaming], status: 'streaming' } },
  { title: 'Citations', chat: { messages: [f.searchQuestion, f.webSearch] } },
  { title: 'Web search', chat: { messages: [f.searchQuestion, f.webSearchRunning], status: 'streaming' } },
  {
    title: 'Error mid-stream',
    chat: {
      messages: [f.printingQuestion, f.errorMidStream],
      status: 'error',
      error: errors.overloadedMidStream,
    },
  },
  { title: 'Aborted', chat: { messages: [f.question, f.aborted] } },
  { title: 'Refusal', chat: { messages: [f.question, f.refusal] } },
  { title: 'max_tokens', chat: { messages: [f.question, f.maxTokens], stats: f.maxTokens.stats } },
  { title: 'Long conversation', chat: { messages: longConversation } },
  {
    title: 'Right to left',
    chat: {
      messages: [f.rtlQuestion, f.rtlAnswer],
      placeholder: rtl.placeholder,
      composerLabel: rtl.label,
    },
    frame: { dir: 'rtl', lang: 'ar' },
  },
  {
    title: 'Dark',
    chat: {
      messages: [f.question, f.streaming],
      status: 'streaming',
      stats: streamStats(96, { maxTokens: 1024 }),
    },
    frame: { 'data-theme': 'dark' },
  },
];

function AllStates(): ReactNode {
  return (
    <div
      style={{
        display: 'grid',
        gap: '1.5rem',
        gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 420px), 1fr))',
      }}
    >
      {STATES.map(({ title, chat, frame }) => (
        <section
          key={title}
          aria-label={title}
          style={{ display: 'grid', gap: '0.5rem', alignContent: 'start' }}
        >
          <h2 style={{ margin: 0, fontSize: '0.875rem', fontWeight: 600 }}>{title}</h2>
          <div
            {...frame}
            style={{
              border: '1px solid var(--cs-border)',
              borderRadius: 'var(--cs-radius)',
              overflow: 'hidden',
              background: 'var(--cs-bg)',
            }}
          >
            <StaticChat height={380} renderText={markdownRenderText} {...chat} />
          </div>
        </section>
      ))}
    </div>
  );
}

const meta = preview.meta({
  title: 'Overview/All states',
  component: AllStates,
  parameters: {
    docs: {
      description: {
        component:
          'Every state of a chat side by side, each drawn from a fixture built from the `@chatstream/mocks` ' +
          'catalogue. The `ChatStream` stories show the same states live.',
      },
    },
  },
});

/** Every state at once. */
export const Default = meta.story({
  play: async ({ canvas }) => {
    for (const { title } of STATES) await expect(canvas.getByRole('region', { name: title })).toBeVisible();
  },
});
