import { errorResponse } from './error-response.ts';
import { type ResumableStreamOptions, ResumableStream, type ResumeTimes } from './resumable-stream.ts';
import type { RelaySource } from './relay-source.ts';

/** The response header naming a resumable stream. */
export const STREAM_ID_HEADER = 'chatstream-stream-id';
/** The request header of a resume: the stream to read on, after the event in `Last-Event-ID`. */
export const RESUME_HEADER = 'chatstream-resume';
/** The request header of a cancel: the stream whose upstream request to abort now. */
export const CANCEL_HEADER = 'chatstream-cancel';

/** The streams a relay keeps for resuming, by id. */
export interface StreamRegistry {
  /**
   * Starts keeping `source`'s events and returns the body of the first response; `headers` (those
   * of every response of this stream) get the stream's id in {@link STREAM_ID_HEADER}.
   */
  keep(
    source: RelaySource,
    options: Omit<ResumableStreamOptions, keyof ResumeTimes | 'onExpire'>,
    headers: Headers,
  ): ReadableStream<Uint8Array>;
  /**
   * The answer to a resume or cancel request (a POST with {@link RESUME_HEADER} or
   * {@link CANCEL_HEADER}), or undefined for any other request.
   */
  answer(request: Request): Response | undefined;
}

/**
 * Creates the {@link StreamRegistry} of a relay with `resume` on. Streams live in this process's
 * memory: behind several server instances, resumes must reach the instance that started the stream.
 */
export function createStreamRegistry(times: ResumeTimes): StreamRegistry {
  const streams = new Map<string, { stream: ResumableStream; headers: Headers }>();
  return {
    keep(source, options, headers) {
      const stream: ResumableStream = new ResumableStream(source, {
        ...options,
        ...times,
        onExpire: () => streams.delete(stream.id),
      });
      headers.set(STREAM_ID_HEADER, stream.id);
      // A page on another origin may read it (with CORS allowed by the app, as for the stream itself).
      headers.set('access-control-expose-headers', `${STREAM_ID_HEADER}, request-id`);
      streams.set(stream.id, { stream, headers });
      return stream.read(0);
    },
    answer(request) {
      if (request.method !== 'POST') return undefined;
      const cancelId = request.headers.get(CANCEL_HEADER);
      // A cancel wins: it must never be read as a resume.
      const resumeId = cancelId === null ? request.headers.get(RESUME_HEADER) : null;
      const id = cancelId ?? resumeId;
      if (id === null) return undefined;
      const kept = streams.get(id);
      if (!kept) {
        return errorResponse(
          404,
          'not_found_error',
          `No stream ${JSON.stringify(id)} to ${resumeId === null ? 'cancel' : 'resume'} here: it ended more than ${times.ttlMs} ms ago, or another server instance started it.`,
        );
      }
      if (resumeId === null) {
        kept.stream.cancel(new Error('The client stopped the stream.'));
        return new Response(null, { status: 204 });
      }
      const last = request.headers.get('last-event-id') ?? '0';
      const count = kept.stream.eventCount;
      if (!/^\d{1,15}$/.test(last) || Number(last) > count) {
        return errorResponse(
          400,
          'invalid_request_error',
          `last-event-id: must be the id of an event this stream sent (0 to ${count}), got ${JSON.stringify(last)}.`,
        );
      }
      return new Response(kept.stream.read(Number(last)), { status: 200, headers: kept.headers });
    },
  };
}
