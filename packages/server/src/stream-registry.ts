import {
  CANCEL_HEADER,
  PING_INTERVAL_HEADER,
  REPLAY_HEADER,
  RESUME_HEADER,
  STREAM_ID_HEADER,
} from '@chatstream/reader';
import { errorResponse } from './error-response.ts';
import { keepStream, type ResumeTimes } from './keep-stream.ts';
import { readKeptStream, type ReadKeptStreamOptions } from './read-kept-stream.ts';
import type { RelaySource } from './relay-source.ts';
import type { ResumeStore } from './resume-store.ts';

/** What the relay hands over with each stream it keeps. */
export interface KeptStreamOptions extends ReadKeptStreamOptions {
  /** The in-band event for an upstream failure, kept as the stream's last event. */
  errorEvent: (error: unknown) => Uint8Array;
}

/** Where and how long a relay keeps its streams. */
export interface StreamRegistryOptions extends ResumeTimes {
  store: ResumeStore;
  /** True for the default in-memory store, which other instances cannot see. */
  local: boolean;
  /** Handed the promise of each stream's reading to its end (a platform's `waitUntil`). */
  waitUntil: ((promise: Promise<unknown>) => void) | undefined;
}

/** The streams a relay keeps for resuming, by id. */
export interface StreamRegistry {
  /**
   * Starts keeping `source`'s events and resolves to the body of the first response; `headers`
   * (that response's) get the stream's id in {@link STREAM_ID_HEADER}. Their `request-id` is kept
   * with the stream, for the responses of its resumes on any instance.
   */
  keep(
    source: RelaySource,
    options: KeptStreamOptions,
    headers: Headers,
  ): Promise<ReadableStream<Uint8Array>>;
  /**
   * The answer to a resume or cancel request (a POST with {@link RESUME_HEADER} or
   * {@link CANCEL_HEADER}), or undefined for any other request.
   */
  answer(request: Request, options: ReadKeptStreamOptions): Promise<Response | undefined>;
}

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  // no-transform: compression middleware (Express's compression(), Next.js's) leaves the stream alone
  // instead of holding it back to compress it.
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/** The headers of a relayed event stream. */
export function sseHeaders(): Headers {
  return new Headers(SSE_HEADERS);
}

/** Creates the {@link StreamRegistry} of a relay with `resume` on. */
export function createStreamRegistry(options: StreamRegistryOptions): StreamRegistry {
  const { store, local, waitUntil, ttlMs } = options;
  return {
    async keep(source, streamOptions, headers) {
      const id = crypto.randomUUID();
      const requestId = headers.get('request-id') ?? undefined;
      // Named before anything is read: how the stream ended may be reported with its id.
      withStreamId(headers, id, streamOptions.pingIntervalMs);
      const { done } = await keepStream(store, id, source, { ...options, ...streamOptions, requestId });
      waitUntil?.(done);
      return readKeptStream(store, id, 0, streamOptions);
    },
    async answer(request, streamOptions) {
      if (request.method !== 'POST') return undefined;
      const cancelId = request.headers.get(CANCEL_HEADER);
      // A cancel wins: it must never be read as a resume.
      const resumeId = cancelId === null ? request.headers.get(RESUME_HEADER) : null;
      const id = cancelId ?? resumeId;
      if (id === null) return undefined;
      const last = resumeId === null ? '0' : (request.headers.get('last-event-id') ?? '0');
      const valid = /^\d{1,15}$/.test(last);
      // Past the end: no events, only whether the stream is kept and its length (the reader below
      // fetches the events itself; a replay from 0 of a long answer would otherwise come twice).
      const kept = await store.read(id, Number.MAX_SAFE_INTEGER);
      if (!kept) {
        const where = local ? 'or another server instance started it' : 'or the resume store never had it';
        return errorResponse(
          404,
          'not_found_error',
          `No stream ${JSON.stringify(id)} to ${resumeId === null ? 'cancel' : 'resume'} here: it ended more than ${ttlMs} ms ago, ${where}.`,
        );
      }
      if (resumeId === null) {
        await store.publish(id, 'cancel');
        return new Response(null, { status: 204 });
      }
      if (!valid || Number(last) > kept.length) {
        return errorResponse(
          400,
          'invalid_request_error',
          `last-event-id: must be the id of an event this stream sent (0 to ${kept.length}), got ${JSON.stringify(last)}.`,
        );
      }
      const headers = withStreamId(sseHeaders(), id, streamOptions.pingIntervalMs);
      if (kept.requestId !== undefined) headers.set('request-id', kept.requestId);
      headers.set(REPLAY_HEADER, String(kept.length));
      return new Response(readKeptStream(store, id, Number(last), streamOptions), { status: 200, headers });
    },
  };
}

function withStreamId(headers: Headers, id: string, pingIntervalMs: number): Headers {
  headers.set(STREAM_ID_HEADER, id);
  if (pingIntervalMs > 0) headers.set(PING_INTERVAL_HEADER, String(pingIntervalMs));
  // A page on another origin may read them (with CORS allowed by the app, as for the stream itself).
  headers.set(
    'access-control-expose-headers',
    `${STREAM_ID_HEADER}, ${REPLAY_HEADER}, ${PING_INTERVAL_HEADER}, request-id`,
  );
  return headers;
}
