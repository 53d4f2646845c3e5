/** A value or a promise of it: a store may answer at once (in memory) or over the network. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What is said about one kept stream, to every relay instance subscribed to it: `event` (events
 * were appended), `finish` (no event follows), `cancel` (a Stop: abort upstream now), `attach` and
 * `detach` (a client started or stopped reading it, somewhere).
 */
export type ResumeSignal = 'event' | 'finish' | 'cancel' | 'attach' | 'detach';

/** What a {@link ResumeStore} keeps about a stream besides its events. */
export interface KeptStreamInfo {
  /** Anthropic's `request-id` of the answer, for the responses of every resume of it. */
  requestId?: string | undefined;
}

/** What a {@link ResumeStore} holds of one stream, from a given event on. */
export interface StoredEvents extends KeptStreamInfo {
  /**
   * The events from the index asked for on (all of them, or a first page of them): none yet, or
   * none when the index is past the end.
   */
  events: readonly Uint8Array[];
  /** How many events the stream has in all. */
  length: number;
  /** True once the relay stopped reading upstream: no event follows. */
  finished: boolean;
}

/**
 * Where a relay with `resume` keeps its streams, and how its instances tell each other about them.
 * The default, `createMemoryResumeStore`, keeps them in the process's memory. Give every
 * instance behind a load balancer (or every serverless invocation) the same shared store, and a
 * resume or a Stop may reach any of them: the instance that started the answer keeps appending its
 * events, the others read them. With Redis: a list per stream and a pub/sub channel per stream.
 *
 * A stream is stored as an ordered list of events (whole SSE events as UTF-8 bytes, already
 * numbered). Each method may return a promise; the relay awaits it. A method that fails makes the
 * relay report the error to `onError`: while appending, it also aborts upstream.
 */
export interface ResumeStore {
  /**
   * Starts an empty, unfinished stream `id` (a resume may come before its first event), with `info`
   * to hand back with every {@link ResumeStore.read} of it.
   */
  create(id: string, info: KeptStreamInfo): Awaitable<void>;
  /**
   * Appends `events` to stream `id`, in order. Calls for one stream never overlap. With no events
   * it is a heartbeat: the instance reading upstream still does, but upstream was quiet for the
   * relay's ping interval. A shared store forgets an unfinished stream some time after its last
   * append, so the readers of an instance that stopped mid-answer (a crash, a deploy) are not kept
   * waiting; the memory store forgets them too (`maxAgeMs`), and they stop with its process. When the store no
   * longer has the stream (it expired, or the database lost its data), it should reject: nobody
   * could read what follows, so the relay aborts upstream.
   */
  append(id: string, events: readonly Uint8Array[]): Awaitable<void>;
  /** Marks stream `id` finished and forgets it `ttlMs` later. */
  finish(id: string, ttlMs: number): Awaitable<void>;
  /**
   * Stream `id` from event index `from` (0-based) on, or undefined when the store has no such
   * stream. A store may hand back only the first of those events, a page (at least one when there
   * are any): the relay reads on from where the page ended as its client takes them, so a resume of
   * a long answer holds one page at a time, not the whole answer. Both stores here page by 512.
   */
  read(id: string, from: number): Awaitable<StoredEvents | undefined>;
  /** Delivers `signal` to every listener subscribed to stream `id`, on any instance. */
  publish(id: string, signal: ResumeSignal): Awaitable<void>;
  /**
   * Calls `listener` with every signal published for stream `id` from now on; resolves once
   * subscribed, to the function that unsubscribes. `event` and `finish` may be lost (readers read the
   * store again at each ping interval), but `cancel`, `attach` and `detach` must reach the instance
   * reading upstream, once each and in order: a lost `cancel` leaves upstream running after a Stop,
   * a lost `attach` lets it give up on a client `graceMs` later. The Redis store keeps them in a list
   * for this, and hands on those its channel lost with the next {@link ResumeStore.append}.
   */
  subscribe(id: string, listener: (signal: ResumeSignal) => void): Awaitable<() => void>;
}
