import {
  type AnyChatStreamError,
  type BlockProgress,
  type ChatThrottle,
  type Message,
  type MessageRequest,
  type MessageStream,
  type RetryInfo,
  type StreamMessageOptions,
  type StreamStats,
  streamMessage,
} from '@chatstream/reader';
import { createNotifyBatcher, type NotifyBatcher } from './notify-batcher.ts';
import { reportError } from './report-error.ts';

/** Where a single completion is: `idle` before `start`, then as the reader's stream reports. */
export type MessageStreamStateStatus = 'idle' | 'submitted' | 'streaming' | 'complete' | 'error' | 'aborted';

/** The state of one streamed completion; a new object whenever it changes. */
export interface MessageStreamState {
  /** The text of all text blocks so far, joined without separators (as `finalText()`). */
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
 * A minimal external store over the reader's `streamMessage`, for `useMessageStream`: the reader
 * has a conversation store but none for one-off completions, and `MessageStream` itself has no
 * stable combined snapshot. One stream at a time; `start` aborts the previous one.
 */
export class MessageStreamStore {
  #state: MessageStreamState = IDLE;
  #stream: MessageStream | undefined;
  /** A streamed state waiting for the next batching slot. */
  #pending: MessageStreamState | undefined;
  #options: MessageStreamStoreOptions;
  readonly #listeners = new Set<() => void>();
  readonly #batcher: NotifyBatcher;

  constructor(options: MessageStreamStoreOptions = {}) {
    this.#options = options;
    this.#batcher = createNotifyBatcher(
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
  start = async (request: MessageRequest): Promise<void> => {
    this.#stream?.abort();
    const { onFinish: _onFinish, onError: _onError, throttle: _throttle, ...options } = this.#options;
    const stream = streamMessage(request, options);
    this.#stream = stream;
    const current = (): boolean => this.#stream === stream;
    let text = '';
    this.#set({ ...IDLE, status: 'submitted' });
    stream.on('retry', (retrying) => {
      text = '';
      if (current()) this.#set({ ...this.#state, retrying });
    });
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    });
    stream.on('snapshot', ({ message, blocks }) => {
      if (!current()) return;
      const next: MessageStreamState = {
        text,
        message,
        blocks,
        status: 'streaming',
        error: undefined,
        stats: stream.stats,
        retrying: undefined,
      };
      if (this.#state.status !== 'streaming') return this.#set(next);
      this.#pending = next;
      this.#batcher.schedule();
    });
    await stream.done();
    if (!current()) return;
    const { status, error } = stream;
    const message = stream.snapshot?.message;
    this.#set({
      text,
      message,
      blocks: stream.snapshot?.blocks,
      status: status === 'streaming' ? 'complete' : status,
      error,
      stats: stream.stats,
      retrying: undefined,
    });
    // Read now, not at the start: a callback given while the message streamed is the one to call.
    const { onFinish, onError } = this.#options;
    try {
      if (status === 'complete' && message) onFinish?.(message);
      if (status === 'error' && error) onError?.(error);
    } catch (thrown) {
      // As the reader's session does: reported as uncaught, never a rejection of `start()`.
      reportError(thrown);
    }
  };

  /** Aborts the stream in progress (keeping its partial message); resolves once it was released. */
  stop = async (): Promise<void> => {
    const stream = this.#stream;
    stream?.abort();
    await stream?.done();
  };

  /** Publishes `state` at once, dropping any batched update it supersedes. */
  #set(state: MessageStreamState): void {
    this.#batcher.cancel();
    this.#pending = undefined;
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }

  #flush(): void {
    if (this.#pending) this.#set(this.#pending);
  }
}
