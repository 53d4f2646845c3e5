// App (a): the drop-in `<ChatStream chat={session} />`, its session starting from the prior
// conversation and answered by the Anthropic SSE bytes of a `@chatstream/mocks` scenario.
import { planResponse, scenario } from '@chatstream/mocks';
import { type ChatMessage, createChatSession } from '@chatstream/reader';
import type { ReactNode } from 'react';
import { ChatStream, type ChatStreamComponents } from '../../../../packages/ui/src/index.ts';
import { smoothRenderText } from '../../../../packages/ui/src/smooth/index.ts';
import { CountedMessage } from './counted-message.tsx';
import type { PriorTurn } from './data.ts';
import { pacedStream, toReads } from './pace.ts';

/** Kept at module level: a new object each render would re-render every row. */
const components: Partial<ChatStreamComponents> = { Message: CountedMessage };

/** The answer revealed at an even pace, as plain lines (the other apps draw plain text too). */
const smoothPlainText = smoothRenderText();

/** What the page needs to drive app (a). */
export interface ChatStreamBench {
  element: ReactNode;
  /** Sends the question; resolves when the session is done with the answer. */
  send: () => Promise<unknown>;
}

/**
 * Builds app (a): the session (default `throttle: 'frame'`) with `prior` as its history and a `fetch`
 * that answers with `deltas` as Anthropic SSE, one socket-sized read per macrotask; with `smooth`,
 * the answer is revealed at an even pace (`@chatstream/ui/smooth`). The bytes are planned here,
 * before any run starts.
 */
export function createChatStreamBench(
  prior: readonly PriorTurn[],
  deltas: readonly string[],
  onDelivered: () => void,
  smooth = false,
): ChatStreamBench {
  const answer = scenario('ui-chromium')
    .text(deltas.join(''), { chunking: [...deltas] })
    .stop('end_turn');
  const plan = planResponse(answer, { timing: 'instant' });
  const reads = toReads(plan.chunks.map((chunk) => chunk.bytes)).map((read) => [read]);
  const initialMessages: ChatMessage[] = prior.map(({ id, role, text }) => ({
    id,
    role,
    content: [{ type: 'text', text }],
    ...(role === 'assistant' ? { status: 'complete' as const } : {}),
  }));
  const session = createChatSession({
    initialMessages,
    fetch: async () =>
      new Response(pacedStream(reads, onDelivered), { status: plan.status, headers: plan.headers }),
  });
  return {
    element: (
      <ChatStream
        chat={session}
        components={components}
        renderText={smooth ? smoothPlainText : undefined}
        style={{ blockSize: '100vh' }}
      />
    ),
    send: () => session.send('Go'),
  };
}
