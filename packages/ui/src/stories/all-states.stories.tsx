import { attachmentsScenario, scenarios } from '@chatstream/mocks';
import type { ChatMessage, ContentBlock } from '@chatstream/reader';
import type { ReactNode } from 'react';
import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { attachmentRenderers } from '../attachments/index.ts';
import { markdownRenderText } from '../markdown/index.ts';
import {
  assistantMessage,
  errors,
  firstToolUseId,
  fixtures,
  longConversation,
  replay,
  rtl,
  streamStats,
  weatherResult,
} from './fixtures.ts';
import { scenePng } from './scene-png.ts';
import { StaticChat, type StaticChatProps } from './static-chat.tsx';

interface State {
  title: string;
  chat: StaticChatProps;
  /** Attributes of the panel's wrapper (`dir`, `lang`, `data-theme`). */
  frame?: Record<string, string>;
}

const f = fixtures;

const picture = {
  type: 'image',
  source: { type: 'base64', media_type: 'image/png', data: scenePng(640, 400) },
};
const notes = {
  type: 'document',
  source: { type: 'text', media_type: 'text/plain', data: '# Lisbon\nThree days in May.' },
  title: 'notes.md',
};
/** A photo and a text file sent with a question, and what the mock API answers about them. */
const attachmentsQuestion: ChatMessage = {
  id: 'u-attachments',
  role: 'user',
  content: [picture, notes, { type: 'text', text: 'What do these show?' }] as ContentBlock[],
};
const attachmentsAnswer = assistantMessage(
  'a-attachments',
  replay(attachmentsScenario({ messages: [{ role: 'user', content: attachmentsQuestion.content }] })!),
);
/** The weather tool returning its figures and a chart. */
const weatherCall = replay(scenarios.toolUse);
const toolChart = assistantMessage('a-tool-chart', weatherCall, {
  toolCalls: {
    [firstToolUseId(weatherCall)]: {
      status: 'done',
      result: [{ type: 'text', text: JSON.stringify(weatherResult) }, picture],
    },
  },
});

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
  {
    title: 'Attachments',
    chat: { messages: [attachmentsQuestion, attachmentsAnswer], renderers: attachmentRenderers },
  },
  {
    title: 'Tool returns an image',
    chat: { messages: [f.weatherQuestion, toolChart], renderers: attachmentRenderers },
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
