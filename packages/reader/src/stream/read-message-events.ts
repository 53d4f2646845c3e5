import { checkFunction } from '../check-options.ts';
import {
  AbortError,
  IncompleteStreamError,
  isChatStreamError,
  ProtocolError,
  toChatStreamError,
} from '../errors.ts';
import { requestIdOf, withRequestId } from '../fetch/check-response.ts';
import { applyMessageDelta } from '../anthropic/apply-message-delta.ts';
import { onAbort } from '../on-abort.ts';
import type { ContentBlock, Message, MessageStreamEvent } from '../types.ts';
import type { StreamProtocol } from './event-decoder.ts';
import type { MessageStreamSource } from './read-message-stream.ts';
import { checkStreamOptions } from './check-stream-options.ts';
import { pumpEvents } from './pump-events.ts';
import { bodyOf, checkSource } from './response-body.ts';

/** Receives a stream's pieces as they arrive; nothing is accumulated for you. */
export interface MessageEventSink {
  /** Every Anthropic event, in order. */
  onEvent?: ((event: MessageStreamEvent) => void) | undefined;
  /** A block began (tool inputs start as a `{}` placeholder). */
  onBlockStart?: ((block: ContentBlock, index: number) => void) | undefined;
  /** A text delta of block `index`. */
  onText?: ((delta: string, index: number) => void) | undefined;
  /** A thinking delta of block `index`. */
  onThinking?: ((delta: string, index: number) => void) | undefined;
  /** A raw tool-input JSON fragment of block `index`. */
  onInputJson?: ((partialJson: string, index: number) => void) | undefined;
  /** Block `index` finished. */
  onBlockStop?: ((index: number) => void) | undefined;
}

/** Options of {@link readMessageEvents}. */
export interface ReadMessageEventsOptions {
  /** Wire protocol (default `anthropic`). */
  protocol?: StreamProtocol | undefined;
  /** Aborting it stops reading; the promise rejects with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Fail when no bytes arrive for this long. */
  idleTimeoutMs?: number | undefined;
  /** Longest SSE line or event, in characters. */
  maxBufferSize?: number | undefined;
}

/**
 * The constant-memory way to read a stream: each event and delta goes to `sink` and is then
 * forgotten, so an arbitrarily long output never grows the heap. Resolves with the message shell
 * (id, model, final `stop_reason`, `usage`; `content` left empty) once `message_stop` arrived;
 * rejects with the same typed errors as `MessageStream` (without a `partial`, as nothing is kept).
 *
 * @example
 * const file = createWriteStream('answer.txt');
 * const shell = await readMessageEvents(response, { onText: (delta) => file.write(delta) });
 * console.log(shell.stop_reason, shell.usage.output_tokens);
 */
export async function readMessageEvents(
  source: MessageStreamSource,
  sink: MessageEventSink,
  options: ReadMessageEventsOptions = {},
): Promise<Message> {
  checkSource(source, true);
  if (typeof sink !== 'object' || sink === null) throw new TypeError('sink must be an object of callbacks');
  for (const [name, callback] of Object.entries(sink)) checkFunction(`sink.${name}`, callback);
  checkStreamOptions(options);
  const controller = new AbortController();
  const { signal: outer } = options;
  const detach = onAbort(outer, () => controller.abort(new AbortError(undefined, { cause: outer?.reason })));
  let answered: Response | undefined;
  try {
    const response = await Promise.resolve(source).catch((error: unknown) => {
      throw toChatStreamError(error);
    });
    const body = await bodyOf(response, (headers) => (answered = headers), {
      signal: controller.signal,
      waitMs: options.idleTimeoutMs,
    });
    let shell: Message | undefined;
    let stopped = false;
    const handle = (event: MessageStreamEvent): void => {
      // An error event already failed the read (see pumpEvents); it is not the sink's business.
      if (event.type === 'error') return;
      if (event.type === 'message_start') shell = { ...event.message, content: [] };
      else if (!shell && event.type !== 'ping')
        throw new ProtocolError(`Received ${event.type} before message_start`);
      sink.onEvent?.(event);
      switch (event.type) {
        case 'content_block_start':
          sink.onBlockStart?.(event.content_block, event.index);
          break;
        case 'content_block_delta': {
          const { delta, index } = event;
          if (delta.type === 'text_delta') sink.onText?.(delta.text, index);
          else if (delta.type === 'thinking_delta') sink.onThinking?.(delta.thinking, index);
          else if (delta.type === 'input_json_delta') sink.onInputJson?.(delta.partial_json, index);
          break;
        }
        case 'content_block_stop':
          sink.onBlockStop?.(event.index);
          break;
        case 'message_delta':
          shell = applyMessageDelta(shell!, event);
          break;
        case 'message_stop':
          stopped = true;
          break;
        default:
          break;
      }
    };
    const protocol = options.protocol ?? 'anthropic';
    await pumpEvents(body, {
      ...options, // idleTimeoutMs, maxBufferSize
      controller,
      protocol,
      onEvent: handle,
      requestId: () => requestIdOf(answered),
    });
    if (!shell || !stopped) {
      throw new IncompleteStreamError(
        `The stream ended before ${protocol === 'text' ? '[DONE]' : 'message_stop'}`,
      );
    }
    return shell;
  } catch (error) {
    const failure: unknown = controller.signal.aborted ? controller.signal.reason : error;
    throw isChatStreamError(failure) ? withRequestId(failure, answered) : failure;
  } finally {
    detach();
  }
}
