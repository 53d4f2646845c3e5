import {
  accumulateMessage,
  createSSEDecoder,
  decodeAnthropicEvent,
  type Message,
  type MessageSnapshot,
  type MessageStreamEvent,
} from '@chatstream/reader';
import type { RelaySource } from './relay-source.ts';
import { UpstreamErrorEvent } from './upstream-error-event.ts';

/** How one relayed request ended, as `onFinish` reports it. */
export interface RelayResult {
  /**
   * `complete`: the message reached `message_stop`. `error`: Anthropic answered with an HTTP error,
   * sent an `error` event or an event that could not be read, or the stream broke off or ended
   * early (also when the client then left: its reader failed on the same event). `aborted`: the
   * client went away.
   */
  outcome: 'complete' | 'error' | 'aborted';
  /**
   * The message as far as it arrived, in the API's shape (undefined when nothing did). Its `usage`
   * holds the token counts of the request, also when it did not complete.
   */
  message: Message | undefined;
  /** Anthropic's `request-id`, when it answered. */
  requestId: string | undefined;
  /**
   * With `resume`, the id the relay gave the stream (its `chatstream-stream-id` header, which the
   * client keeps on the answer while it streams, and so in a conversation saved mid-answer): what
   * ties such an answer to this result.
   */
  streamId?: string;
  /** The model the request asked for (as sent upstream). */
  model?: string;
  /** Milliseconds from sending the request upstream to its end: for latency dashboards. */
  durationMs: number;
  /** Milliseconds from sending the request upstream to its first content delta, when one came. */
  timeToFirstTokenMs?: number;
  /**
   * For an answer that did not complete (and began): `usage.output_tokens` (the last count Anthropic sent,
   * `message_start`'s after a Stop) plus the content generated since, at about 4 characters a token
   * (the reader's estimate). A complete answer's `usage` is exact and this is absent.
   */
  estimatedOutputTokens?: number;
  /**
   * What went wrong, for `error`: the upstream error, the `error` event (an {@link UpstreamErrorEvent}
   * with its `type` and `message`), or the
   * reader's `ProtocolError` for an event it could not read. The key is redacted in it, as for
   * `onError`.
   */
  error?: unknown;
}

/** The reader's estimate for text not yet counted by the API's `usage`. */
const CHARS_PER_TOKEN = 4;

/** Characters a content delta adds: text, thinking, a tool's input JSON, a citation's text. */
function deltaLength(delta: unknown): number {
  const fields = delta as { text?: unknown; thinking?: unknown; partial_json?: unknown };
  let length = 0;
  for (const value of [fields.text, fields.thinking, fields.partial_json])
    if (typeof value === 'string') length += value.length;
  return length;
}

/** Follows what a relay forwards and reports how it ended, once. */
export interface RelayWatch {
  /** Feeds forwarded SSE bytes (the Anthropic protocol). */
  bytes(chunk: Uint8Array): void;
  /** Feeds one Anthropic event (the text protocol reads the SDK's events, not bytes). */
  event(event: unknown): void;
  /** Reports the end; later calls do nothing. */
  end(outcome: RelayResult['outcome'], error?: unknown): void;
}

/** What {@link watchRelay} knows of the request from the start. */
export interface WatchedRequest {
  requestId: string | undefined;
  model?: string | undefined;
  /** The stream's id with `resume`; read as the stream ends (it is named after the watch begins). */
  readonly streamId?: string | undefined;
  /** `performance.now()` when the request went upstream; times are counted from it. */
  startedAt?: number | undefined;
}

/**
 * Builds the message a relayed stream carries, alongside the bytes going out unchanged, and calls
 * `report` once with how the stream ended, and whether its failure came in the stream itself (an
 * `error` event, a malformed event, an early end: nothing else reported it). A stream the reader
 * cannot follow keeps the message as it was before the malformed event and ends as an `error` with
 * the reader's `ProtocolError`: the relay still forwards everything, and the client's reader fails
 * on the same event.
 *
 * @example
 * const watch = watchRelay({ requestId: 'req_011' }, (result) => recordUsage(result.message?.usage));
 */
export function watchRelay(
  watched: WatchedRequest,
  report: (result: RelayResult, inStream: boolean) => void,
): RelayWatch {
  const { requestId, model, startedAt = performance.now() } = watched;
  let snapshot: MessageSnapshot | undefined;
  let firstTokenAt: number | undefined;
  // Characters of content since the last event that counted output tokens.
  let uncounted = 0;
  let streamError: unknown;
  // Why the events stopped making sense (a malformed one), as the client's reader also saw it.
  let lost: unknown;
  let ended = false;
  const follow = (step: () => void): void => {
    if (lost !== undefined) return;
    try {
      step();
    } catch (error) {
      lost = error;
    }
  };
  const event = (value: unknown): void =>
    follow(() => {
      const typed = value as MessageStreamEvent;
      if (typed.type === 'error') streamError = new UpstreamErrorEvent(typed.error);
      if (typed.type === 'content_block_delta') {
        firstTokenAt ??= performance.now();
        uncounted += deltaLength(typed.delta);
      }
      if (typed.type === 'message_delta' && typeof typed.usage?.output_tokens === 'number') uncounted = 0;
      snapshot = accumulateMessage(snapshot, typed);
    });
  const decoder = createSSEDecoder({
    onEvent: (sse) => {
      const typed = decodeAnthropicEvent(sse);
      if (typed) event(typed);
    },
  });
  return {
    bytes: (chunk) => follow(() => decoder.push(chunk)),
    event,
    end(given, error) {
      if (ended) return;
      ended = true;
      // A client that leaves once the message is whole (the reader stops at message_stop) left nothing unread.
      const outcome = given === 'aborted' && snapshot?.complete ? 'complete' : given;
      // A client whose reader failed on an event (an error event, a malformed one) leaves next.
      const carried = outcome === 'complete' || outcome === 'aborted' ? (streamError ?? lost) : undefined;
      const cut = outcome === 'complete' && !snapshot?.complete;
      const inStream = carried !== undefined || cut;
      const failure = inStream ? (carried ?? new Error('The stream ended before message_stop')) : error;
      report(
        {
          outcome: inStream ? 'error' : outcome,
          message: snapshot?.message,
          requestId,
          ...(model === undefined ? {} : { model }),
          ...(watched.streamId === undefined ? {} : { streamId: watched.streamId }),
          durationMs: performance.now() - startedAt,
          ...(firstTokenAt === undefined ? {} : { timeToFirstTokenMs: firstTokenAt - startedAt }),
          ...((outcome === 'complete' && !inStream) || snapshot === undefined
            ? {}
            : {
                estimatedOutputTokens:
                  (snapshot.message.usage.output_tokens ?? 0) + Math.round(uncounted / CHARS_PER_TOKEN),
              }),
          ...(failure === undefined ? {} : { error: failure }),
        },
        inStream,
      );
    },
  };
}

/**
 * The same source, with `watch` told of every chunk (when `feedBytes`) and of how it ended:
 * `complete` at its end, `aborted` when cancelled or failing after the client left, else `error`.
 */
export function watchSource(
  source: RelaySource,
  watch: RelayWatch,
  feedBytes: boolean,
  clientLeft: () => boolean,
): RelaySource {
  return {
    async read() {
      try {
        const result = await source.read();
        if (result.done) watch.end('complete');
        else if (feedBytes) watch.bytes(result.value);
        return result;
      } catch (error) {
        // The client's leaving, which failed the read, is no error of the request.
        if (clientLeft()) watch.end('aborted');
        else watch.end('error', error);
        throw error;
      }
    },
    atBoundary: () => source.atBoundary(),
    async cancel(reason) {
      watch.end('aborted');
      await source.cancel(reason);
    },
  };
}

/** The same events, each shown to `watch` first. */
export async function* watchEvents<Event>(
  events: AsyncIterable<Event>,
  watch: RelayWatch,
): AsyncIterable<Event> {
  for await (const event of events) {
    watch.event(event);
    yield event;
  }
}
