// App (b): `@ai-sdk/react` `useChat` with the same prior conversation, answered with the same deltas
// in the AI SDK's own UI message stream protocol, rendering rows with the markup `<ChatStream>`'s
// plain-text rows have (the same `Message`, `MessageList` and `Composer` parts and CSS).
import { useChat } from '@ai-sdk/react';
import { type ChatTransport, DefaultChatTransport, type UIMessage, type UIMessageChunk } from 'ai';
import { memo, type ReactNode, useEffect } from 'react';
import { Composer, MessageList } from '../../../../packages/ui/src/index.ts';
import { CountedMessage } from './counted-message.tsx';
import type { PriorTurn } from './data.ts';
import { inBatches, pacedStream, toReads } from './pace.ts';

/** How the AI SDK receives the answer. */
export type AiDelivery = 'objects' | 'sse';

/** Throttle passed to `useChat` (`experimental_throttle`, ms): about one animation frame at 60 Hz. */
export const AI_SDK_THROTTLE_MS = 16;

const textOf = (message: UIMessage): string => {
  let text = '';
  for (const part of message.parts) if (part.type === 'text') text += part.text;
  return text;
};

/** A row as `<ChatStream>` draws a plain-text message: article → content → text block. */
const AiRow = memo(function AiRow({
  message,
  streaming,
}: {
  message: UIMessage;
  streaming: boolean;
}): ReactNode {
  const state = streaming ? 'streaming' : 'complete';
  return (
    <CountedMessage
      role={message.role === 'user' ? 'user' : 'assistant'}
      status={state}
      data-message-id={message.id}
    >
      <div data-slot="message-content" data-state={state}>
        <div data-slot="text-block" data-state={state}>
          <div data-slot="text-block-content" data-format="plain">
            {textOf(message)}
            {streaming ? <span data-slot="streaming-cursor" aria-hidden="true" /> : null}
          </div>
        </div>
      </div>
    </CountedMessage>
  );
});

function AiChat({
  prior,
  transport,
  onSend,
}: {
  prior: UIMessage[];
  transport: ChatTransport<UIMessage>;
  onSend: (send: () => Promise<unknown>) => void;
}): ReactNode {
  const { messages, status, sendMessage, stop } = useChat({
    messages: prior,
    transport,
    experimental_throttle: AI_SDK_THROTTLE_MS,
  });
  useEffect(() => onSend(() => sendMessage({ text: 'Go' })), [onSend, sendMessage]);
  const busy = status === 'submitted' || status === 'streaming';
  const last = messages.at(-1);
  return (
    <div data-slot="chat-stream" data-state={status} style={{ blockSize: '100vh' }}>
      <MessageList busy={busy} live="off">
        {messages.map((message) => (
          <AiRow
            key={message.id}
            message={message}
            streaming={status === 'streaming' && message === last && message.role === 'assistant'}
          />
        ))}
      </MessageList>
      <div data-slot="chat-stream-footer">
        <Composer busy={busy} onSend={(text) => sendMessage({ text })} onStop={stop} />
      </div>
    </div>
  );
}

/** What the page needs to drive app (b). */
export interface AiSdkBench {
  element: ReactNode;
  /** Sends the question once mounted; resolves when `useChat` is done with the answer. */
  send: () => Promise<unknown>;
}

/**
 * Builds app (b). `objects`: a custom `ChatTransport` hands `useChat` the chunk objects (its cheapest
 * path: no SSE parsing, no validation). `sse`: `DefaultChatTransport` with a `fetch` answering with the
 * SSE bytes its server helpers send (`data: <chunk JSON>`, `[DONE]`), which it parses and validates.
 * Either way one socket-sized read (or as many objects) per macrotask, as app (a) gets its bytes.
 */
export function createAiSdkBench(
  prior: readonly PriorTurn[],
  deltas: readonly string[],
  delivery: AiDelivery,
  onDelivered: () => void,
): AiSdkBench {
  const messages: UIMessage[] = prior.map(({ id, role, text }) => ({
    id,
    role,
    parts: [{ type: 'text', text, state: 'done' }],
  }));
  const chunks: UIMessageChunk[] = [
    { type: 'start', messageId: 'answer' },
    { type: 'start-step' },
    { type: 'text-start', id: 'text-0' },
    ...deltas.map((delta): UIMessageChunk => ({ type: 'text-delta', id: 'text-0', delta })),
    { type: 'text-end', id: 'text-0' },
    { type: 'finish-step' },
    { type: 'finish', finishReason: 'stop' },
  ];
  const encoder = new TextEncoder();
  const reads = toReads(
    [...chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`), 'data: [DONE]\n\n'].map((text) =>
      encoder.encode(text),
    ),
  ).map((read) => [read]);
  let transport: ChatTransport<UIMessage>;
  if (delivery === 'objects') {
    // As many tasks as the SSE bytes take, so both deliveries hand over the same tokens per task.
    const batches = inBatches(chunks, reads.length);
    transport = {
      sendMessages: async () => pacedStream(batches, onDelivered),
      reconnectToStream: async () => null,
    };
  } else {
    transport = new DefaultChatTransport({
      api: '/api/chat',
      fetch: async () =>
        new Response(pacedStream(reads, onDelivered), {
          headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' },
        }),
    });
  }
  let send: (() => Promise<unknown>) | undefined;
  const onSend = (value: () => Promise<unknown>): void => {
    send = value;
  };
  return {
    element: <AiChat prior={messages} transport={transport} onSend={onSend} />,
    send: () => {
      if (!send) throw new Error('useChat is not mounted');
      return send();
    },
  };
}
