import { ConnectionError, isChatStreamError, type TimeoutError } from '../errors.ts';
import { later } from '../later.ts';
import { onAbort } from '../on-abort.ts';
import { createEventDecoder } from './event-decoder.ts';
import { type PumpOptions, pumpEvents } from './pump-events.ts';

/** Resumes in a row without a new event before the connection error stands. */
const MAX_STALLED_RESUMES = 5;

/** `addEventListener` as used here (written out: the reader's types need no DOM library). */
type Listen = (type: string, listener: () => void) => void;

/** An event target as the page gives one (written out: the reader's types need no DOM library). */
interface Page {
  addEventListener?: Listen;
  removeEventListener?: Listen;
  visibilityState?: string;
}

/** How {@link pumpResumable} reads on after a dropped connection. */
export interface ResumeOptions {
  /**
   * The next body, carrying on after event `lastEventId`, or undefined when the stream cannot be
   * resumed. Rejects with the failure of that request.
   */
  resume: (lastEventId: string) => Promise<ReadableStream<Uint8Array>> | undefined;
  /**
   * Whether `resume` can give a body now (a relay named its stream): only such a stream is read
   * on when the network comes back; another must not be failed for being quiet.
   */
  resumable: () => boolean;
  /** Waits between tries (aborted with the pump's controller). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * {@link pumpEvents} over `body` and, when its connection drops mid-stream, goes silent past the
 * idle timeout (or for a third of it after the browser comes back online or the page is shown
 * again), or ends before its message, over the bodies `resume` gives for the events after the
 * last one read (a relay's resumable stream), with one decoder for them all. A resume that fails
 * on the network or a timeout is tried again after 0.25, 0.5, 1, 2 and 4 s; anything else (a 404:
 * the relay no longer has the stream), five resumes in a row without a new event, or a body that
 * ends early without one, and the failure stands (a body that just ended is left for the caller to
 * find incomplete).
 */
export async function pumpResumable(
  body: ReadableStream<Uint8Array>,
  options: PumpOptions,
  { resume, resumable, sleep }: ResumeOptions,
): Promise<void> {
  const { signal } = options.controller;
  const decode = createEventDecoder(options.protocol);
  let lastEventId = '';
  // Bounded, so a relay that drops every connection at once cannot keep the stream going forever
  // (a long tool run sends only pings, so a resume may bring no event).
  let stalls = 0;
  // The network's own failure says more than the silence that led to the resumes (offline: no data).
  let lastFailure: ConnectionError | undefined;
  const next = async (): Promise<ReadableStream<Uint8Array> | undefined> => {
    lastFailure = undefined;
    // Waits of 0.25 to 4 s between tries: the network may need a moment to come back.
    for (let wait = 250; ; wait *= 2) {
      if (signal.aborted) return undefined;
      const pending = resume(lastEventId);
      if (!pending) return undefined;
      try {
        return await pending;
      } catch (error) {
        if (!isChatStreamError(error) || (error.kind !== 'connection' && error.kind !== 'timeout'))
          return undefined;
        // A later try that only timed out says less than the network's failure before it.
        if (error.kind === 'connection') lastFailure = error;
        if (wait > 4000) return undefined;
        await sleep(wait, signal).catch(() => undefined);
      }
    }
  };
  // The page itself, in a browser (elsewhere there is no `online` to hear).
  const page = globalThis as Page;
  const document = (globalThis as { document?: Page }).document;
  for (let current = body; ;) {
    let dropped: ConnectionError | TimeoutError | undefined;
    let progressed = false;
    // One body's own: going idle ends that body, not the stream (a phone's connection can die
    // silently, and the relay still has the stream).
    const reading = new AbortController();
    // Stopped already (a listener of `connect`, or while the resume's answer came) counts too.
    const detach = onAbort(signal, () => reading.abort(signal.reason));
    // A network that changed (Wi-Fi to mobile data, a proxy's upstream gone) can leave this
    // connection dead without a word: one that brings no byte for a third of the idle timeout
    // after the browser is back online (a relay pings every quarter of it; 20 s at most, also
    // without an idle timeout) is read on then, not at the timeout.
    let heard = 0;
    let probe: ReturnType<typeof setTimeout> | undefined;
    let probed = false;
    const onOnline = (): void => {
      const before = heard;
      clearTimeout(probe);
      probe = later(
        () => {
          if (heard !== before) return;
          probed = true;
          reading.abort(
            new ConnectionError('The connection went quiet after the network changed.', {
              partial: options.partial?.(),
            }),
          );
        },
        Math.min(options.idleTimeoutMs ?? 20_000, 20_000) / 3,
      );
    };
    // A page shown again (a laptop woken, a phone's tab brought back) may have lost it the same way.
    const onShown = (): void => {
      if (document?.visibilityState === 'visible') onOnline();
    };
    const listening = resumable();
    if (listening) {
      page.addEventListener?.('online', onOnline);
      document?.addEventListener?.('visibilitychange', onShown);
    }
    try {
      await pumpEvents(current, {
        ...options,
        controller: reading,
        decode,
        onBytes: (count) => {
          heard += 1;
          options.onBytes?.(count);
        },
        onEventId: (id) => {
          if (id !== lastEventId) {
            stalls = 0;
            progressed = true;
          }
          lastEventId = id;
          options.onEventId?.(id);
        },
      });
      // WebKit ends the body of a response whose connection dropped as if it were whole: a body
      // that ends before its message does is read on like a dropped one, unless it brought nothing
      // new (the relay's own copy ends there: its upstream stopped short).
      if (options.partial?.()?.complete || !progressed) return;
    } catch (error) {
      // By kind: an app's own source may throw the errors of another copy of the reader.
      const kind = isChatStreamError(error) ? error.kind : undefined;
      if (!(kind === 'connection' || (kind === 'timeout' && !signal.aborted))) throw error;
      dropped = error as ConnectionError | TimeoutError;
    } finally {
      detach();
      if (listening) {
        page.removeEventListener?.('online', onOnline);
        document?.removeEventListener?.('visibilitychange', onShown);
      }
      clearTimeout(probe);
    }
    const resumed = stalls < MAX_STALLED_RESUMES ? await next() : undefined;
    if (!resumed) {
      const failure =
        dropped && lastFailure
          ? new ConnectionError(lastFailure.message, { partial: options.partial?.(), cause: lastFailure })
          : dropped;
      // A stream gone idle for good is torn down, its request with it.
      if (dropped?.kind === 'timeout') options.controller.abort(failure);
      if (failure) throw failure;
      return;
    }
    current = resumed;
    // A network that came back is no stall of the relay's.
    if (!probed) stalls += 1;
  }
}
