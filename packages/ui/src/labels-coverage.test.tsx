/// <reference types="vite/client" />
import { scenarios } from '@chatstream/mocks';
import type { ChatMessage, RetryInfo, StreamStats as Stats } from '@chatstream/reader';
import type { ReactNode } from 'react';
import { expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { Announcer } from './announcer.tsx';
import { findSnapshot, snapshotsOf, toChatMessage } from './blocks/test/message-snapshots.ts';
import { ChatStream } from './chat-stream.tsx';
import { Composer } from './composer.tsx';
import { EmptyState } from './empty-state.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { LabelsProvider } from './labels.tsx';
import { MessageContent } from './message-content.tsx';
import { MessageList } from './message-list.tsx';
import { Message } from './message.tsx';
import { StopNotice } from './stop-notice.tsx';
import { StreamStats } from './stream-stats.tsx';
import { TypingIndicator } from './typing-indicator.tsx';
import { contentStrings, marked, unlabelled } from './test/unlabelled.ts';

const stats: Stats = {
  elapsedMs: 900,
  timeToFirstByteMs: 80,
  timeToFirstTokenMs: 120,
  bytes: 4000,
  outputTokens: 40,
  outputTokensExact: true,
  tokensPerSecond: 55,
  maxTokens: 1024,
  progress: 0.04,
};

const errors = [
  { kind: 'connection', message: 'fetch failed' },
  { kind: 'connection', message: 'network error', partial: { message: { content: [] } } },
  { kind: 'timeout', message: 'idle timeout', phase: 'idle' },
  { kind: 'incomplete', message: 'no message_stop' },
  { kind: 'protocol', message: 'bad JSON' },
  { kind: 'buffer-limit', message: 'event too large' },
  { kind: 'stream-event', message: 'Overloaded', errorType: 'overloaded_error' },
  { kind: 'session', message: 'tool failed' },
  { kind: 'http', status: 429, message: 'Too many', errorType: 'rate_limit_error', retryAfterMs: 40_000 },
  { kind: 'http', status: 429, message: 'Too many', retryAfterMs: 300_000 },
  { kind: 'http', status: 400, message: 'prompt is too long', errorType: 'invalid_request_error' },
  { kind: 'http', status: 401, message: 'no' },
  { kind: 'http', status: 404, message: 'nothing' },
  { kind: 'http', status: 413, message: 'big' },
  { kind: 'http', status: 500, message: 'oops' },
  { kind: 'http', status: 422, message: 'bad' },
  { kind: 'http', status: 200, message: 'not a stream' },
  ...[
    'authentication_error',
    'permission_error',
    'not_found_error',
    'billing_error',
    'timeout_error',
    'api_error',
  ].map((errorType) => ({ kind: 'http', status: 400, message: 'API says no', errorType })),
  new Error('Something odd'),
];

/** A `fetch` that never reaches a server. */
const offline = (): Promise<Response> => Promise.reject(new Error('offline'));

/** Snapshots of the content scenarios in each state a block shows differently. */
async function messagesInEveryState(): Promise<ChatMessage[]> {
  const messages: ChatMessage[] = [];
  for (const answer of [
    scenarios.thinking,
    scenarios.redactedThinking,
    scenarios.webSearch,
    scenarios.toolUse,
    scenarios.maxTokensInToolInput,
    scenarios.futureEvents,
    scenarios.toolSearch,
  ]) {
    const snapshots = await snapshotsOf(answer);
    const last = snapshots.at(-1)!;
    const streaming = findSnapshot(snapshots, (s) => s.blocks.some((block) => block.streaming));
    messages.push(toChatMessage(streaming, 'streaming'), toChatMessage(last), toChatMessage(last, 'aborted'));
    if (answer === scenarios.toolUse) {
      const id = String(last.message.content.at(-1)!['id']);
      for (const call of [
        { status: 'awaiting-approval' },
        { status: 'awaiting-result' },
        { status: 'running' },
        { status: 'done', result: { temperature: 18, raw: 'A'.repeat(12_000) } },
        { status: 'error', result: 'Weather service down' },
        { status: 'denied', result: 'The user denied this tool call.' },
      ] as const) {
        messages.push({ ...toChatMessage(last), toolCalls: { [id]: call } });
      }
      messages.push({
        id: 'results',
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: id, content: 'Sunny, 18 °C' },
          { type: 'tool_result', tool_use_id: 'unknown', content: 'Failed', is_error: true },
        ],
      });
    }
  }
  messages.push({
    id: 'search-errors',
    role: 'assistant',
    status: 'complete',
    content: [
      {
        type: 'web_search_tool_result',
        tool_use_id: 's1',
        content: { type: 'x', error_code: 'max_uses_exceeded' },
      },
      { type: 'web_search_tool_result', tool_use_id: 's2', content: [] },
      {
        type: 'tool_search_tool_result',
        tool_use_id: 's4',
        content: { type: 'tool_search_tool_result_error', error_code: 'unavailable' },
      },
      { type: 'tool_search_tool_result', tool_use_id: 's5', content: { tool_references: [] } },
      { type: 'container_upload', file_id: 'file_1' },
      {
        type: 'web_search_tool_result',
        tool_use_id: 's3',
        content: [{ type: 'web_search_result', url: 'https://example.com/a' }],
      },
      {
        type: 'text',
        text: 'Cited.',
        citations: [
          {
            type: 'char_location',
            cited_text: 'Quoted',
            document_index: 0,
            start_char_index: 0,
            end_char_index: 6,
          },
          { type: 'content_block_location', cited_text: 'Other' },
        ],
      },
    ],
  });
  return messages;
}

it('shows and says nothing in English once every label is given: every text of every part is a label', async () => {
  const messages = await messagesInEveryState();
  const suggestions = ['Plan a trip'];
  const code = 'Run it:\n```ts\nlet a = 1;\nlet b = 2;\n```\n```\nx\n```\n```py\nprint()\n```\nDone.';
  const gallery = (streaming: boolean): ReactNode => (
    <>
      <MessageList busy>
        <EmptyState suggestions={suggestions} />
        {messages.map((message, index) => (
          <Message key={index} role={message.role} status={message.status}>
            <MessageContent message={message} previous={messages[index - 1]} onApprove={() => undefined} />
          </Message>
        ))}
        <Message role="tool">{null}</Message>
        {errors.map((error, index) => (
          <ErrorNotice
            key={index}
            error={error}
            partial
            onRetry={() => undefined}
            onContinue={() => undefined}
          />
        ))}
        {['max_tokens', 'refusal', 'model_context_window_exceeded'].map((reason) => (
          <StopNotice key={reason} stopReason={reason} onContinue={() => undefined} />
        ))}
        <TypingIndicator />
        <TypingIndicator retrying={{ attempt: 1, delayMs: 500, error: errors[7] as RetryInfo['error'] }} />
      </MessageList>
      <StreamStats stats={stats} streaming />
      <StreamStats stats={{ ...stats, timeToFirstTokenMs: undefined, tokensPerSecond: undefined }} />
      <Composer onSend={() => undefined} />
      <Composer busy onSend={() => undefined} onStop={() => undefined} />
      <Announcer text={code} streaming={streaming} messageId="a" />
    </>
  );
  const screen = await render(<LabelsProvider labels={marked}>{gallery(true)}</LabelsProvider>);
  // The announcer speaks what streamed once it ends, sentence by sentence, after a tick.
  await screen.rerender(<LabelsProvider labels={marked}>{gallery(false)}</LabelsProvider>);
  await expect
    .poll(() => screen.container.querySelector('[data-slot="announcer"]')?.textContent)
    .toContain('Done.');
  const content = contentStrings([
    messages,
    suggestions,
    errors.map((error) => [error.message, (error as { errorType?: string }).errorType]),
    code,
    'HTTP',
    // The start of the long string kept in the card.
    'A'.repeat(1000),
  ]);
  expect(unlabelled(screen.container, content)).toEqual([]);
  // …while the same parts without labels do speak English: the check above does find words.
  const english = await render(gallery(false));
  expect(unlabelled(english.container, content).length).toBeGreaterThan(50);
});

it('leaves no English in <ChatStream> itself: Retry, Continue, stats and what it announces', async () => {
  const question: ChatMessage = { id: 'u', role: 'user', content: [{ type: 'text', text: 'Hello there' }] };
  const stopped: ChatMessage = {
    id: 'a',
    role: 'assistant',
    status: 'aborted',
    stopReason: null,
    content: [{ type: 'text', text: 'General Kenobi' }],
  };
  const screen = await render(
    <>
      <ChatStream fetch={offline} labels={marked} initialMessages={[question]} showStats />
      <ChatStream fetch={offline} labels={marked} initialMessages={[question, stopped]} showStats />
    </>,
  );
  await expect.element(screen.getByRole('button', { name: '⟪Retry⟫' })).toBeVisible();
  await expect.element(screen.getByRole('button', { name: '⟪Continue⟫' })).toBeVisible();
  const content = contentStrings([question, stopped]);
  expect(unlabelled(screen.container, content)).toEqual([]);
});

it('uses every label it declares: no key names a text that no part shows', async () => {
  const sources = import.meta.glob<string>(
    ['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}', '!./**/*.stories.tsx', '!./**/test/**'],
    { query: '?raw', import: 'default', eager: true },
  );
  const declarations = Object.entries(sources).filter(([path]) => path.endsWith('-label-keys.ts'));
  expect(declarations.length).toBeGreaterThanOrEqual(4);
  const unused: string[] = [];
  for (const [path, source] of declarations) {
    const folder = path.replace(/[^/]*$/, '');
    const keys = [...source.matchAll(/^\s*\| (['"])(.*)\1$/gm)].map((match) => match[2]!);
    expect(keys.length).toBeGreaterThan(0);
    const users = Object.entries(sources).filter(
      ([other]) =>
        other !== path &&
        (folder === './' ? !/^\.\/(markdown|attachments|actions)\//.test(other) : other.startsWith(folder)),
    );
    for (const key of keys) {
      if (!users.some(([, text]) => text.includes(`'${key}'`) || text.includes(`"${key}"`))) {
        unused.push(`${path}: ${key}`);
      }
    }
  }
  expect(unused).toEqual([]);
});
