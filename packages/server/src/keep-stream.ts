import { abortError } from './abort-reason.ts';
import { concatBytes } from './concat-bytes.ts';
import { createEventSplitter } from './event-boundary.ts';
import type { RelaySource } from './relay-source.ts';
import type { ResumeSignal, ResumeStore } from './resume-store.ts';
import { unref } from './unref-timer.ts';

const encoder = new TextEncoder();
const CR = 0x0d;
const LF = 0x0a;
const I = 0x69;
const D = 0x64;
const COLON = 0x3a;

/**
 * How a stream that was stopped (a Stop, or no reader back within the grace period) ends, for
 * whoever reads it on later: another tab, or the same answer reopened. `@chatstream/reader` ends
 * the answer as stopped there, not as cut off; other readers ignore an event they do not know.
 */
// Empty data: a plain-text client that joins `data` fields adds nothing.
const STOPPED_EVENT = encoder.encode('event: chatstream.stopped\ndata:\n\n');

/** How long a resumable stream waits and is kept. */
export interface ResumeTimes {
  /** How long upstream goes on with no client reading, waiting for one to resume. */
  graceMs: number;
  /** How long a finished stream stays available to resume. */
  ttlMs: number;
}

/** How often a stream is shown alive to its store while upstream is quiet, when pings are off. */
export const HEARTBEAT_MS = 15_000;

/** What keeping a stream needs besides its source and store. */
export interface KeepStreamOptions extends ResumeTimes {
  /** The relay's ping interval (0: off): also how often a quiet stream is shown alive to the store. */
  pingIntervalMs: number;
  /** The in-band event for an upstream failure, kept as the stream's last event. */
  errorEvent: (error: unknown) => Uint8Array;
  /** Told about upstream and store failures (not about a cancel). */
  onError: (error: unknown) => void;
  /** Anthropic's `request-id` of the answer, kept for the resumes of it. */
  requestId: string | undefined;
}

/**
 * Reads `source` to its end whether or not a client reads it, and appends its events to stream
 * `id` of `store`, numbered (`id: 1`, `id: 2`, …), so a client on any instance sharing the store can
 * read them and, after a dropped connection, read on. Upstream is aborted when a `cancel` signal
 * comes (a Stop), or when no client anywhere read the stream for `graceMs`. Resolves once the
 * stream exists in the store, to the promise of the whole reading (for a platform's `waitUntil`).
 */
export async function keepStream(
  store: ResumeStore,
  id: string,
  source: RelaySource,
  options: KeepStreamOptions,
): Promise<{ done: Promise<void> }> {
  const { graceMs, ttlMs, errorEvent, onError, pingIntervalMs, requestId } = options;
  let readers = 0;
  let finished = false;
  let cancelled: { reason: unknown } | undefined;
  let grace: ReturnType<typeof setTimeout> | undefined;
  const cancel = (reason: unknown): void => {
    if (finished || cancelled) return;
    cancelled = { reason };
    // At once where it can (Node). Workers refuse I/O for another request's objects, and a Stop
    // arrives in its own request: there the reading loop and the heartbeat, which run in the
    // request that owns upstream, cancel it again (see stopFromOwner).
    void source.cancel(reason).catch(() => undefined);
  };
  /** Cancels upstream from the request that started it, once a Stop or the grace period asked. */
  const stopFromOwner = async (): Promise<void> => {
    if (cancelled) await source.cancel(cancelled.reason).catch(() => undefined);
  };
  const listen = (signal: ResumeSignal): void => {
    if (signal === 'cancel') cancel(abortError('The client stopped the stream.'));
    else if (signal === 'attach') {
      readers += 1;
      clearTimeout(grace);
    } else if (signal === 'detach') {
      // At most zero: a signal store may deliver a reader's detach before its attach.
      readers = Math.max(0, readers - 1);
      if (readers > 0 || finished) return;
      clearTimeout(grace);
      grace = unref(
        setTimeout(() => cancel(abortError(`No client resumed the stream within ${graceMs} ms.`)), graceMs),
      );
    }
  };
  let unsubscribe: () => void;
  try {
    await store.create(id, { requestId });
    unsubscribe = await store.subscribe(id, listen);
  } catch (error) {
    // Nobody could read this stream: the upstream request is not worth paying for.
    await source.cancel(error);
    throw error;
  }

  let count = 0;
  // Upstream's own `id:` lines go (a gateway may number what it passes on): the last `id:` of an
  // event wins, and a read-on would ask the relay for a number of the gateway's.
  const numbered = (event: Uint8Array): Uint8Array =>
    concatBytes([encoder.encode(`id: ${++count}\n`), withoutIdLines(event)]);
  // Appends for one stream never overlap: each waits for the one before, a heartbeat's included.
  let appending: Promise<unknown> = Promise.resolve();
  const append = (events: Uint8Array[]): Promise<unknown> =>
    (appending = appending.then(() => store.append(id, events)));
  let quiet = true;
  const keep = async (events: Uint8Array[]): Promise<void> => {
    if (events.length === 0) return;
    quiet = false;
    await append(events);
    await store.publish(id, 'event');
  };
  // While upstream is quiet, an empty append tells a shared store this instance still reads the
  // stream: one that stopped (a crash, a deploy) leaves it to expire instead of keeping its readers
  // waiting. A failed heartbeat fails the next append, which reports it.
  const heartbeat = setInterval(
    () => {
      // Upstream quiet after a Stop from another request: no chunk would come to cancel it at.
      if (cancelled) void stopFromOwner();
      else if (quiet) void append([]).catch(() => undefined);
      quiet = true;
    },
    pingIntervalMs > 0 ? pingIntervalMs : HEARTBEAT_MS,
  );
  unref(heartbeat);

  const read = async (): Promise<void> => {
    const splitter = createEventSplitter();
    let failure: { error: unknown } | undefined;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await source.read();
      } catch (error) {
        failure = { error };
        break;
      }
      if (chunk.done) break;
      if (cancelled) {
        // Stopped: what came after the Stop is not kept, and upstream is cancelled from here.
        await stopFromOwner();
        break;
      }
      await keep(splitter.push(chunk.value).map(numbered));
    }
    if (cancelled) {
      // Not the half of an event upstream was cut in: it would swallow this one.
      await keep([numbered(STOPPED_EVENT)]);
    } else if (!failure) {
      // An event upstream never finished is kept as it is (a reader discards it at the end).
      const rest = splitter.rest();
      if (rest.byteLength > 0) await keep([rest]);
    } else {
      onError(failure.error);
      await keep([numbered(errorEvent(failure.error))]);
    }
  };

  const done = (async () => {
    try {
      await read();
    } catch (error) {
      // The store failed: nobody could read what follows, so it is not worth paying for.
      onError(error);
      cancel(error);
    }
    finished = true;
    clearTimeout(grace);
    clearInterval(heartbeat);
    try {
      unsubscribe();
      await store.finish(id, ttlMs);
      await store.publish(id, 'finish');
    } catch (error) {
      onError(error);
    }
  })();
  return { done };
}

/** `event` without its `id` field lines (`id: …`, or a bare `id`); the same array when it has none. */
function withoutIdLines(event: Uint8Array): Uint8Array {
  let kept: Uint8Array[] | undefined;
  let from = 0;
  for (let start = 0; start < event.length;) {
    let end = start;
    while (end < event.length && event[end] !== LF && event[end] !== CR) end++;
    // The line's terminator: CRLF, CR or LF.
    const next = event[end] === CR && event[end + 1] === LF ? end + 2 : end + 1;
    const isId =
      event[start] === I && event[start + 1] === D && (start + 2 === end || event[start + 2] === COLON);
    if (isId) {
      (kept ??= []).push(event.subarray(from, start));
      from = next;
    }
    start = next;
  }
  if (!kept) return event;
  kept.push(event.subarray(from));
  return concatBytes(kept);
}
