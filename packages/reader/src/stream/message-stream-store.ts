import { joinTextBlocks } from '../anthropic/join-text-blocks.ts';
import { type AnyChatStreamError, messageOf } from '../errors.ts';
import { type MessageRequest, streamMessage, type StreamMessageOptions } from '../fetch/stream-message.ts';
import { callBack } from '../report-error.ts';
import { ChatSessionError } from '../session/chat-session-error.ts';
import type { ChatThrottle } from '../session/chat-session-options.ts';
import { createNotifyScheduler, type NotifyScheduler } from '../session/notify-scheduler.ts';
import type { BlockProgress, Message } from '../types.ts';
import type { RetryInfo } from './message-stream-events.ts';
import type { MessageStream } from './message-stream.ts';
import type { StreamStats } from './stream-stats.ts';

/** Where a single completion is: `idle` before `start`, then as the reader's stream reports. */
export type MessageStreamStateStatus = 'idle' | 'submitted' | 'streaming' | 'complete' | 'error' | 'aborted';

/** The state of one streamed completion; a new object whenever it changes. */
export interface MessageStreamState {
  /** The message's text so far, joined as `finalText()` joins it (see `joinTextBlocks`). */
  readonly text: string;
  /** The message so far (Anthropic shape), undefined before `message_start`. */
  readonly message: Message | undefined;
  /**
   * Beside each block of `message.content`: whether it still streams, and for a tool block its raw
   * `inputJson` and `inputComplete` (false for an input cut off by `max_tokens`).
   */
  readonly blocks: readonly BlockProgress[] | undefined;
  /** `idle` before `start`, `submitted` until the first event, `streaming`, then how it ended. */
  readonly status: MessageStreamStateStatus;
  /** The typed failure when `status` is `error` (or the abort when `aborted`). */
  readonly error: AnyChatStreamError | undefined;
  /** Stream figures, updated with the message. */
  readonly stats: StreamStats | undefined;
  /** While an attempt that failed before any content waits to be retried: which retry, how long, why. */
  readonly retrying: RetryInfo | undefined;
}

/** Options of a single-completion store: the reader's `streamMessage` options plus callbacks. */
export interface MessageStreamStoreOptions extends StreamMessageOptions {
  /**
   * How often listeners hear about streamed tokens, as `ChatSession`'s `throttle`: once per
   * animation frame (`'frame'`, the default), every N ms, on every event (`false`), or a scheduler
   * of your own. Status changes and the end of a stream are always published at once.
   */
  throttle?: ChatThrottle | undefined;
  /** Called with the complete message. */
  onFinish?: ((message: Message) => void) | undefined;
  /** Called with the typed failure (not for a stop). */
  onError?: ((error: AnyChatStreamError) => void) | undefined;
}

const IDLE: MessageStreamState = {
  text: '',
  message: undefined,
  blocks: undefined,
  status: 'idle',
  error: undefined,
  stats: undefined,
  retrying: undefined,
};

/**
 * An external store of one streamed completion (no conversation) over {@link streamMessage}: a
 * stable combined snapshot (`MessageStream` has none), streamed tokens published at most once per
 * batching slot, and the start and end of a stream published at once. One stream at a time;
 * `start` aborts the previous one. `useMessageStream` in `@chatstream/react` binds it.
 *
 * @example
 * const store = new MessageStreamStore({ onFinish: (message) => save(message) });
 * store.subscribe(() => render(store.getSnapshot().text));
 * await store.start({ url: '/api/complete', body: { messages: [{ role: 'user', content: 'Hi' }] } });
 */
export class MessageStreamStore {
  #state: MessageStreamState = IDLE;
  #stream: MessageStream | undefined;
  /** The run of the current stream, which ends once its end was published and heard. */
  #run: Promise<void> = Promise.resolve();
  /** A streamed state waiting for the next batching slot. */
  #pending: MessageStreamState | undefined;
  #options: MessageStreamStoreOptions;
  readonly #listeners = new Set<() => void>();
  readonly #notifier: NotifyScheduler;

  constructor(options: MessageStreamStoreOptions = {}) {
    this.#options = options;
    this.#notifier = createNotifyScheduler(
      () => this.#flush(),
      () => this.#options.throttle ?? 'frame',
    );
  }

  /** Registers a change listener; returns its removal. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The current state (the same object until it changes). */
  getSnapshot = (): MessageStreamState => this.#state;

  /** Replaces the options the next `start` uses. */
  setOptions(options: MessageStreamStoreOptions): void {
    this.#options = options;
  }

  /** Streams `request`, aborting any stream in progress; resolves once it ended, however it ended. */
  start = (request: MessageRequest): Promise<void> => (this.#run = this.#read(request));

  /**
   * Aborts the stream in progress (keeping its partial message); resolves once its end is
   * published (`status: 'aborted'`) and heard.
   */
  stop = async (): Promise<void> => {
    this.#stream?.abort();
    await this.#run;
  };

  #read = async (request: MessageRequest): Promise<void> => {
    // The end of the last stream, still waiting for its frame, is heard before the next one starts.
    if (this.#pending && this.#pending.status !== 'streaming') this.#flush();
    this.#stream?.abort();
    const { onFinish: _onFinish, onError: _onError, throttle: _throttle, ...options } = this.#options;
    let stream: MessageStream;
    try {
      stream = streamMessage(request, options);
    } catch (thrown) {
      // A request no fetch can make (a header it cannot carry, a relative URL with no page): a
      // failure shown and heard like any other, not a rejection with the last answer still shown.
      const error = new ChatSessionError('setup', messageOf(thrown), thrown);
      this.#stream = undefined;
      this.#set({ ...IDLE, status: 'error', error });
      return callBack(this.#options.onError, error);
    }
    this.#stream = stream;
    const current = (): boolean => this.#stream === stream;
    this.#set({ ...IDLE, status: 'submitted' });
    stream.on('retry', (retrying) => {
      if (current()) this.#set({ ...this.#state, retrying });
    });
    stream.on('snapshot', ({ message, blocks }) => {
      if (!current()) return;
      const next: MessageStreamState = {
        text: joinTextBlocks(message.content),
        message,
        blocks,
        status: 'streaming',
        error: undefined,
        stats: stream.stats,
        retrying: undefined,
      };
      if (this.#state.status !== 'streaming') return this.#set(next);
      this.#pending = next;
      this.#notifier.schedule();
    });
    await stream.done();
    if (!current()) return;
    const { status, error } = stream;
    const message = stream.snapshot?.message;
    this.#pending = {
      text: joinTextBlocks(message?.content ?? []),
      message,
      blocks: stream.snapshot?.blocks,
      status: status === 'streaming' ? 'complete' : status,
      error,
      stats: stream.stats,
      retrying: undefined,
    };
    // At once, unless a batch already published in this animation frame: then at the next one, so a
    // UI never commits twice in a frame (as ChatSession ends its streams).
    await this.#notifier.settle();
    // Called though a next stream started meanwhile (a listener of the end may start one): this one ended so.
    // Read now, not at the start: a callback given while the message streamed is the one to call.
    // What it throws is reported as uncaught, never a rejection of `start()`.
    const { onFinish, onError } = this.#options;
    if (status === 'complete' && message) callBack(onFinish, message);
    if (status === 'error' && error) callBack(onError, error);
  };

  /** Publishes `state` at once, dropping any batched update it supersedes. */
  #set(state: MessageStreamState): void {
    this.#notifier.cancel();
    this.#pending = undefined;
    this.#state = state;
    // One listener that throws must not leave the others (and the store) behind.
    for (const listener of this.#listeners) callBack(listener);
  }

  #flush(): void {
    if (this.#pending) this.#set(this.#pending);
  }
}
