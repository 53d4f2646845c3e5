import { type AnyChatStreamError, ChatStreamError, isChatStreamError } from '../errors.ts';
import type { ChatMessage, ToolCallState } from './chat-message.ts';
import { contentBlockProblem } from './content-block-shape.ts';
import { stoppedCall } from './tool-results.ts';

/**
 * Messages handed to the session (`initialMessages`, `setMessages`), made safe to go on from. A saved
 * conversation may have been stored mid-answer (a page reload, a conversation loaded from storage):
 * nothing is streaming or running it any more, so a `streaming` message is `aborted` (`retry()`
 * continues it), a tool call still streaming its input or running ends as a stop leaves it (`error`,
 * `stopped`), an `error` that went through JSON is a {@link ChatStreamError} again, and an
 * answer's API `message` saved without its `content` (`persistChat` does not write it twice) has
 * the message's `content` again.
 *
 * The session's own message objects (those in `current`) are kept as they are: one may be streaming.
 * The array returned is always a new one. Throws a `TypeError` for an entry that
 * is not a message (no id, or one used twice; no role; no content; a block without the fields of its
 * type, such as a text block without its text).
 */
export function restoreMessages(
  messages: readonly ChatMessage[],
  current: readonly ChatMessage[] = [],
): readonly ChatMessage[] {
  const own = new Set(current);
  const ids = new Set<unknown>();
  const restored = messages.map((message, index) => {
    const given = !own.has(message);
    if (given) checkMessage(message, index, ids);
    ids.add(message.id);
    return given ? restoreMessage(message) : message;
  });
  // A copy even when nothing needed restoring: the caller may go on changing its own array.
  return restored;
}

/** Throws a `TypeError` naming the message that is not one (storage can hold anything). */
function checkMessage(message: ChatMessage, index: number, ids: Set<unknown>): void {
  const { id, role, content } = (message ?? {}) as Partial<ChatMessage>;
  if (
    typeof id !== 'string' ||
    ids.has(id) ||
    (role !== 'user' && role !== 'assistant') ||
    !Array.isArray(content)
  ) {
    throw new TypeError(
      `Message ${index} is not a message: it needs an id of its own, role 'user' or 'assistant' and content blocks`,
    );
  }
  // Checked now: a malformed block would fail every later request instead, with nothing to retry.
  content.forEach((block, blockIndex) => {
    const problem = contentBlockProblem(block);
    if (problem)
      throw new TypeError(`Message ${index}, block ${blockIndex} is not a content block: ${problem}`);
  });
}

/** A stream id as a relay gives it (a UUID), fit for a request header. */
const STREAM_ID = /^[!-~]{1,256}$/;

/** `saved` with its API `message`'s `content` back: `persistChat` saves it without, as it is `content`. */
export function withMessageContent(saved: ChatMessage): ChatMessage {
  const api = saved.message;
  return api && typeof api === 'object' && api.content === undefined
    ? { ...saved, message: { ...api, content: saved.content } }
    : saved;
}

function restoreMessage(saved: ChatMessage): ChatMessage {
  const message = withMessageContent(saved);
  const { status, toolCalls, error, streamId } = message;
  const entries = toolCalls !== null && typeof toolCalls === 'object' ? Object.entries(toolCalls) : [];
  // A tool call that is not one (storage can hold anything) is dropped, not the whole conversation.
  const calls = entries.filter(
    ([, call]) => typeof (call as Partial<ToolCallState> | null)?.status === 'string',
  );
  const dropped = calls.length !== entries.length || (toolCalls != null && typeof toolCalls !== 'object');
  const stalled = calls.some(([, call]) => call.status === 'input-streaming' || call.status === 'running');
  // One that no request header can carry would fail every reconnect and retry of the answer.
  const unusable = streamId !== undefined && !(typeof streamId === 'string' && STREAM_ID.test(streamId));
  const revived = reviveError(error);
  if (status !== 'streaming' && !stalled && !dropped && !unusable && revived === error) return message;
  const { streamId: _unusable, ...withoutStream } = message;
  return {
    ...(unusable ? withoutStream : message),
    status: status === 'streaming' ? 'aborted' : status,
    toolCalls:
      stalled || dropped ? Object.fromEntries(calls.map(([id, call]) => [id, stoppedCall(call)])) : toolCalls,
    error: revived,
  };
}

/** A chatstream error back from its JSON form (`{ name, kind, message, … }`); anything else unchanged. */
export function reviveError(error: unknown): AnyChatStreamError | undefined {
  const fields = error as { kind?: unknown; message?: unknown } | null | undefined;
  if (isChatStreamError(error) || typeof fields?.kind !== 'string' || typeof fields.message !== 'string') {
    return error as AnyChatStreamError | undefined;
  }
  const revived = new ChatStreamError(fields.kind as ChatStreamError['kind'], fields.message);
  for (const [name, value] of Object.entries(fields)) {
    // An own `__proto__` (JSON.parse makes one) must stay a field, not replace the error's prototype.
    if (name !== '__proto__') (revived as unknown as Record<string, unknown>)[name] = value;
  }
  // With its class's fields, as `kind` says: typed as that class, as the union's members are told apart.
  return revived as AnyChatStreamError;
}
