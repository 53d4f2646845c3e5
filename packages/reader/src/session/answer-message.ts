import type { AnyChatStreamError } from '../errors.ts';
import { STREAM_ID_HEADER } from '../fetch/relay-headers.ts';
import type { MessageStream } from '../stream/message-stream.ts';
import type { ChatMessage, ChatMessageStatus } from './chat-message.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { continueMessage } from './continue-message.ts';
import { toolCallsOf } from './tool-results.ts';

/** The answer a turn is streaming into: its message id, and the message it continues, if any. */
export interface AnswerPlace {
  readonly id: string;
  readonly base: ChatMessage | undefined;
}

/**
 * The assistant message of a turn as `stream` has it now, with `status` and `error`: its content
 * (appended to `base` when the turn continues it), stats, blocks and tool calls. It keeps the
 * relay's stream id while the relay may still have the stream: while it streams, and after a lost
 * connection or a timeout (the relay goes on for its grace period).
 */
export function answerMessage(
  stream: MessageStream,
  { id, base }: AnswerPlace,
  tools: ChatSessionOptions['tools'],
  status: ChatMessageStatus,
  error?: AnyChatStreamError,
): ChatMessage {
  const snapshot = stream.snapshot;
  const merged = snapshot && base ? continueMessage(base, snapshot) : snapshot;
  const message = merged?.message ?? base?.message;
  const content = merged?.message.content ?? base?.content ?? [];
  const phase =
    status === 'streaming'
      ? 'streaming'
      : status === 'complete' && message?.stop_reason === 'tool_use'
        ? 'tool_use'
        : 'ended';
  const built: ChatMessage = {
    id,
    role: 'assistant',
    content,
    status,
    // A paused turn whose continuation ended before its own stop stays paused, for retry() to
    // continue rather than ask again (its server tools, paid for, would run again).
    stopReason:
      message?.stop_reason ??
      (status !== 'streaming' && base?.stopReason === 'pause_turn' ? 'pause_turn' : null),
    stats: stream.stats,
    error,
    blocks: merged?.blocks ?? base?.blocks,
    toolCalls: toolCallsOf(content, tools, phase, merged?.blocks ?? base?.blocks),
    message,
  };
  const streamId = stream.response?.headers.get(STREAM_ID_HEADER);
  return streamId && (status === 'streaming' || error?.kind === 'connection' || error?.kind === 'timeout')
    ? { ...built, streamId }
    : built;
}
