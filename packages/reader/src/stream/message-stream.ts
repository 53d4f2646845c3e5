import { later } from '../later.ts';
import { onAbort } from '../on-abort.ts';
import { accumulateMessage } from '../anthropic/accumulate-message.ts';
import { haltBlocks } from '../anthropic/apply-block-delta.ts';
import { checkStreamGlobals } from '../check-options.ts';
import {
  AbortError,
  type AnyChatStreamError,
  IncompleteStreamError,
  TimeoutError,
  toChatStreamError,
} from '../errors.ts';
import { abortableSleep } from '../fetch/abortable-sleep.ts';
import type { RequestQueue } from '../fetch/request-queue.ts';
import { requestIdOf, withRequestId } from '../fetch/check-response.ts';
import { PING_INTERVAL_HEADER, REPLAY_HEADER, STREAM_ID_HEADER } from '../fetch/relay-headers.ts';
import type { ContentBlockDelta, Message, MessageSnapshot, MessageStreamEvent } from '../types.ts';
import { afterTextSoFar } from './after-text-so-far.ts';
import { joinTextBlocks } from '../anthropic/join-text-blocks.ts';
import { createTextJoiner } from '../anthropic/text-joiner.ts';
import { AsyncQueue } from './async-queue.ts';
import { checkStreamOptions } from './check-stream-options.ts';
import { Emitter } from './emitter.ts';
import type { StreamProtocol } from './event-decoder.ts';
import type { MessageStreamEventName, MessageStreamListeners } from './message-stream-events.ts';
import { pumpResumable } from './pump-resumable.ts';
import { bodyOf, type StreamSource } from './response-body.ts';
import { StatsTracker, type StreamStats } from './stream-stats.ts';

/** Options shared by every way of reading a message stream. */
export interface MessageStreamOptions {
  /** Aborting it stops the stream like `abort()`. */
  signal?: AbortSignal | undefined;
  /**
   * Fail with a `TimeoutError` (phase `idle`) when no bytes arrive for this long. Pings count. None
   * when `Infinity`; when undefined, none either, unless the server says how often it pings
   * (`@chatstream/server`'s relay with resume, every 5 s): then four intervals, at least 20 s.
   * A stream the relay keeps (resume) is read on from there rather than failed.
   */
  idleTimeoutMs?: number | undefined;
  /** Fail with a `TimeoutError` (phase `total`) when the whole stream takes longer. None when undefined or `Infinity`. */
  totalTimeoutMs?: number | undefined;
  /** Longest SSE line or event, in characters, before a `BufferLimitError`. */
  maxBufferSize?: number | undefined;
  /** The request's `max_tokens`, for `stats.progress`. */
  maxTokens?: number | undefined;
  /** Clock in milliseconds for stats (default `performance.now`). */
  now?: (() => number) | undefined;
}

/** How the stream obtains its body and recovers; built by `readMessageStream` / `streamMessage`. */
export interface MessageStreamInit extends MessageStreamOptions {
  /** Opens attempt `attempt` (0 first). Rejections are typed errors. */
  connect: (attempt: number, signal: AbortSignal) => Promise<StreamSource>;
  /** The wire protocol of the body. */
  protocol: StreamProtocol;
  /**
   * Asked after an attempt failed before any content arrived: a delay in ms to retry after,
   * or undefined to give up. Never asked once content has arrived.
   */
  retryDelay?: ((error: AnyChatStreamError, attempt: number) => number | undefined) | undefined;
  /** Waits before a retry (default: an abortable `setTimeout`). */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
  /** A place to wait for before the first attempt; the clocks start once it is given. */
  requestQueue?: RequestQueue | undefined;
  /**
   * Asked when the connection dropped mid-stream: the source of a body that carries on after event
   * `lastEventId` (a relay's resumable stream), or undefined when `response` cannot be resumed.
   */
  resume?:
    | ((
        response: Response | undefined,
        lastEventId: string,
        signal: AbortSignal,
      ) => Promise<StreamSource> | undefined)
    | undefined;
}

/** Where a stream is. */
export type MessageStreamStatus = 'streaming' | 'complete' | 'error' | 'aborted';

/**
 * One streamed Anthropic message: typed events by async iteration or `on(...)`, an immutable
 * `snapshot` (a new object whenever it changes), `stats`, and the final result.
 *
 * Reading starts on the next microtask, so attach listeners (or start iterating) right away.
 * `finalMessage()` resolves with the complete message; it rejects with a typed error carrying
 * `partial` when the stream failed, or with an {@link AbortError} when it was stopped.
 *
 * @example
 * const stream = streamMessage({ url: '/api/chat', body: { messages } });
 * stream.on('text', (delta) => process.stdout.write(delta));
 * const message = await stream.finalMessage();
 */
export class MessageStream implements AsyncIterable<MessageStreamEvent> {
  readonly #init: MessageStreamInit;
  readonly #emitter = new Emitter<MessageStreamListeners>();
  readonly #controller = new AbortController();
  readonly #stats: StatsTracker;
  readonly #queues = new Set<AsyncQueue<MessageStreamEvent>>();
  /**
   * The events of an attempt that may still be retried (nothing shown yet), held back from iterators
   * and `streamEvent` listeners, so that they see the events of the attempt that counted only: a
   * retried attempt's `message_start` followed by the next one's would read as two messages.
   */
  #held: [MessageStreamEvent, MessageSnapshot | undefined][] | undefined;
  readonly #done: Promise<Message>;
  #snapshot: MessageSnapshot | undefined;
  #status: MessageStreamStatus = 'streaming';
  #error: AnyChatStreamError | undefined;
  #response: Response | undefined;
  #totalTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #detach: () => void;

  constructor(init: MessageStreamInit) {
    checkStreamOptions(init);
    checkStreamGlobals();
    this.#init = init;
    this.#stats = new StatsTracker(init.now ?? (() => performance.now()), init.maxTokens);
    const { signal } = init;
    // A long-lived signal shared by many streams must not keep every finished one alive.
    this.#detach = onAbort(signal, () => this.abort(signal?.reason));
    if (!init.requestQueue) this.#startTotalTimer();
    this.#done = Promise.resolve().then(() => this.#run());
    // Failures reach callers through finalMessage()/listeners; this copy must not be "unhandled".
    this.#done.catch(() => undefined);
  }

  /** The message received so far (immutable; replaced on every change), undefined before `message_start`. */
  get snapshot(): MessageSnapshot | undefined {
    return this.#snapshot;
  }

  /** Progress figures: time to first byte/token, tokens, tokens per second, bytes, progress. */
  get stats(): StreamStats {
    return this.#stats.read();
  }

  /** `streaming` until the stream ends as `complete`, `error` or `aborted`. */
  get status(): MessageStreamStatus {
    return this.#status;
  }

  /** The failure, once the stream ended in `error` or `aborted`. */
  get error(): AnyChatStreamError | undefined {
    return this.#error;
  }

  /** The response of the current attempt, once connected (when the source was a `Response`). */
  get response(): Response | undefined {
    return this.#response;
  }

  /**
   * The text as it comes, for `for await (const text of stream.textStream)`: first the text that
   * came before the loop began (all of it, for a loop begun after the end), then each text delta.
   */
  get textStream(): AsyncIterable<string> {
    return { [Symbol.asyncIterator]: () => this.#texts() };
  }

  async *#texts(): AsyncGenerator<string, void, undefined> {
    // Joined as finalText() joins: a blank line before text that follows another kind of block.
    const joiner = createTextJoiner();
    // Leaving this loop early returns the inner iterator too, which aborts the stream.
    for await (const item of afterTextSoFar(this)) {
      if (typeof item !== 'string' && item.type === 'content_block_start') {
        joiner.blockStart(item.content_block.type);
        continue;
      }
      const text = joiner.text(
        typeof item === 'string'
          ? item
          : item.type === 'content_block_delta' && item.delta.type === 'text_delta'
            ? item.delta.text
            : '',
      );
      if (text) yield text;
    }
  }

  /** Adds a listener; returns a function that removes it. A listener that throws is reported, never breaks the stream. */
  on<Name extends MessageStreamEventName>(name: Name, listener: MessageStreamListeners[Name]): () => void {
    return this.#emitter.on(name, listener);
  }

  /** Removes a listener. */
  off<Name extends MessageStreamEventName>(name: Name, listener: MessageStreamListeners[Name]): void {
    this.#emitter.off(name, listener);
  }

  /** Stops reading and releases the connection. The stream ends `aborted`; a no-op once it ended. */
  abort(reason?: unknown): void {
    if (this.#status !== 'streaming' || this.#controller.signal.aborted) return;
    const message =
      reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : undefined;
    this.#controller.abort(new AbortError(message, { partial: this.#snapshot, cause: reason }));
  }

  /** Resolves with the complete message; rejects with the typed failure (carrying `partial`). */
  finalMessage(): Promise<Message> {
    return this.#done.then((message) => message);
  }

  /**
   * Resolves with the text of the message: its text blocks as they are, a blank line before text
   * that follows another kind of block (see {@link joinTextBlocks}).
   */
  async finalText(): Promise<string> {
    return joinTextBlocks((await this.finalMessage()).content);
  }

  /** Resolves once the stream ended, however it ended. */
  async done(): Promise<void> {
    await this.#done.catch(() => undefined);
  }

  /**
   * Iterates the Anthropic events from now on. Leaving the loop early aborts the stream.
   * The iteration throws the stream's error (or an `AbortError`) after the events before it.
   * With retries on (`streamMessage`), the events of an attempt come once its first content block
   * starts (or it ends), so the events of a retried attempt are never seen: they read as one
   * message, as `accumulateMessage` expects.
   */
  [Symbol.asyncIterator](): AsyncIterator<MessageStreamEvent> {
    const queue: AsyncQueue<MessageStreamEvent> = new AsyncQueue(() => {
      this.#queues.delete(queue);
      this.abort('The consumer stopped iterating');
    });
    if (this.#status === 'complete') queue.close();
    else if (this.#error) queue.fail(this.#error);
    else this.#queues.add(queue);
    return queue;
  }

  #startTotalTimer(): void {
    const { totalTimeoutMs } = this.#init;
    if (totalTimeoutMs === undefined) return;
    this.#totalTimer = later(() => {
      this.#controller.abort(new TimeoutError('total', totalTimeoutMs, { partial: this.#snapshot }));
    }, totalTimeoutMs);
  }

  async #run(): Promise<Message> {
    const stop = this.#controller.signal;
    // Once stopped, the abort reason is the failure, whatever the attempt threw on its way out.
    const failureOf = (error: unknown): AnyChatStreamError =>
      withRequestId(toChatStreamError(stop.aborted ? stop.reason : error, this.#snapshot), this.#response);
    let leaveQueue: (() => void) | undefined;
    try {
      if (this.#init.requestQueue) {
        leaveQueue = await this.#init.requestQueue.acquire(stop);
        // The wait for a place is no part of this stream's time: its clocks start now.
        this.#stats.restart();
        this.#startTotalTimer();
      }
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await this.#attempt(attempt);
        } catch (error) {
          const failure = failureOf(error);
          // Retrying is only safe while nothing was shown: never once content arrived.
          const retryDelay = this.#init.retryDelay;
          const delay =
            stop.aborted || !retryDelay || this.#snapshot?.message.content.length
              ? undefined
              : retryDelay(failure, attempt);
          if (delay === undefined) throw failure;
          // The failed attempt is gone before listeners hear of the retry (its snapshot too).
          this.#held = undefined;
          this.#snapshot = undefined;
          this.#stats.resetContent();
          this.#emit('retry', { attempt: attempt + 1, delayMs: delay, error: failure });
          await (this.#init.sleep ?? abortableSleep)(delay, stop).catch(() => stop.throwIfAborted());
        }
      }
    } catch (error) {
      throw this.#fail(failureOf(error));
    } finally {
      leaveQueue?.();
      clearTimeout(this.#totalTimer);
      this.#detach();
      this.#stats.end();
      this.#emit('end');
    }
  }

  async #attempt(attempt: number): Promise<Message> {
    const stop = this.#controller.signal;
    this.#held = this.#init.retryDelay ? [] : undefined;
    const attemptController = new AbortController();
    // An abort before this attempt began (e.g. StrictMode's mount/unmount) must send no request.
    stop.throwIfAborted();
    const detach = onAbort(stop, () => attemptController.abort(stop.reason));
    try {
      const source = await this.#init.connect(attempt, attemptController.signal);
      stop.throwIfAborted();
      // An error body is read no longer than the stream would wait for bytes, and not past a stop.
      const wait = { signal: attemptController.signal, waitMs: this.#init.idleTimeoutMs };
      const body = await bodyOf(
        source,
        (response) => {
          this.#response = response;
        },
        wait,
      );
      this.#emit('connect');
      // A relay's resume says how many of its events were generated before (a reconnect replays them).
      const replayed = this.#response?.headers.get(REPLAY_HEADER);
      await pumpResumable(
        body,
        {
          ...this.#init, // protocol, maxBufferSize
          idleTimeoutMs: this.#init.idleTimeoutMs ?? pingedIdleTimeout(this.#response),
          controller: attemptController,
          partial: () => this.#snapshot,
          requestId: () => requestIdOf(this.#response),
          onBytes: (count) => this.#stats.bytes(count),
          onEvent: (event) => this.#apply(event),
          onEventId: (id) => {
            if (id === replayed) this.#stats.replayed();
          },
        },
        {
          resume: (lastEventId) => {
            const pending = this.#init.resume?.(this.#response, lastEventId, attemptController.signal);
            // Kept only once it proved good: a failed resume must not hide the stream's own response.
            let response: Response | undefined;
            return pending?.then(async (next) => {
              const resumed = await bodyOf(next, (received) => (response = received), wait);
              if (response) this.#response = response;
              return resumed;
            });
          },
          resumable: () => this.#response?.headers.has(STREAM_ID_HEADER) === true,
          sleep: this.#init.sleep ?? abortableSleep,
        },
      );
      const snapshot = this.#snapshot;
      if (!snapshot?.complete) {
        throw new IncompleteStreamError(
          snapshot
            ? `The stream ended before ${this.#init.protocol === 'text' ? '[DONE]' : 'message_stop'}`
            : 'The stream ended before any message arrived',
          { partial: snapshot },
        );
      }
      this.#release();
      this.#status = 'complete';
      for (const queue of this.#queues) queue.close();
      return snapshot.message;
    } finally {
      detach();
    }
  }

  #apply(event: MessageStreamEvent): void {
    const previous = this.#snapshot;
    const snapshot = accumulateMessage(previous, event);
    this.#snapshot = snapshot;
    if (this.#held && !snapshot?.message.content.length && event.type !== 'message_stop') {
      this.#held.push([event, snapshot]);
    } else {
      this.#release();
      this.#publish(event, snapshot);
    }
    if (!snapshot || snapshot === previous) return;
    this.#emit('snapshot', snapshot);
    const { message } = snapshot;
    switch (event.type) {
      case 'content_block_delta':
        this.#emitDelta(event.delta, message.content[event.index] as Record<string, unknown>);
        break;
      case 'content_block_stop':
        this.#emit('contentBlock', message.content[event.index]!);
        break;
      case 'message_start':
      case 'message_delta': {
        // Only an event that counted tokens makes the figure exact: a message_delta without usage
        // (the plain-text protocol's) leaves the estimate of the text since the last count.
        const counted = (event.type === 'message_start' ? event.message.usage : event.usage)?.output_tokens;
        // A count no API sends (negative, infinite) would make progress bars go backwards or full.
        if (typeof counted === 'number' && counted >= 0 && counted < Infinity) {
          this.#stats.usage(message.usage.output_tokens);
        }
        break;
      }
      case 'message_stop':
        this.#emit('message', message);
        break;
      default:
        break;
    }
  }

  /** Publishes the held events: the attempt they belong to is the one that counts. */
  #release(): void {
    const held = this.#held;
    this.#held = undefined;
    for (const [event, snapshot] of held ?? []) this.#publish(event, snapshot);
  }

  #publish(event: MessageStreamEvent, snapshot: MessageSnapshot | undefined): void {
    for (const queue of this.#queues) queue.push(event);
    this.#emit('streamEvent', event, snapshot);
  }

  #emitDelta(delta: ContentBlockDelta, block: Record<string, unknown>): void {
    switch (delta.type) {
      case 'text_delta':
        this.#stats.content(delta.text);
        this.#emit('text', delta.text, block['text'] as string);
        break;
      case 'thinking_delta':
        this.#stats.content(delta.thinking);
        this.#emit('thinking', delta.thinking, block['thinking'] as string);
        break;
      case 'input_json_delta':
        this.#stats.content(delta.partial_json);
        this.#emit('inputJson', delta.partial_json, block['input']);
        break;
      case 'signature_delta':
        this.#emit('signature', delta.signature);
        break;
      case 'citations_delta':
        this.#emit('citation', delta.citation, (block['citations'] as []) ?? []);
        break;
    }
  }

  #fail(error: AnyChatStreamError): AnyChatStreamError {
    this.#release();
    const open = this.#snapshot;
    const halted = open && haltBlocks(open);
    if (halted !== open) {
      this.#snapshot = halted;
      if (error.partial === open) Object.assign(error, { partial: halted });
      this.#emit('snapshot', halted!);
    }
    this.#error = error;
    this.#status = error.kind === 'abort' ? 'aborted' : 'error';
    for (const queue of this.#queues) queue.fail(error);
    if (error.kind === 'abort') this.#emit('abort', error);
    else this.#emit('error', error);
    return error;
  }

  #emit<Name extends MessageStreamEventName>(
    name: Name,
    ...args: Parameters<MessageStreamListeners[Name]>
  ): void {
    this.#emitter.emit(name, ...args);
  }
}

/**
 * How long a stream may stay silent when its server says how often it pings (`@chatstream/server`'s
 * relay with resume: every 5 s): four pings missed, and at least 20 s. Silence is then a dead
 * connection (a phone that changed networks), which fails as a timeout that Retry reads on from,
 * instead of streaming forever.
 */
function pingedIdleTimeout(response: Response | undefined): number | undefined {
  const interval = Number(response?.headers.get(PING_INTERVAL_HEADER) ?? Number.NaN);
  return interval > 0 ? Math.max(20_000, 4 * interval) : undefined;
}
