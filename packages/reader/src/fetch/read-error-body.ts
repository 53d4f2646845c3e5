import { later } from '../later.ts';
import { onAbort } from '../on-abort.ts';

/** Most bytes of an error body kept: Anthropic's errors are a few hundred bytes, proxies' pages a few KB. */
export const MAX_ERROR_BODY_BYTES = 65_536; // 64 KiB, a literal: bundlers keep a computed constant

/** Longest wait for the next chunk of an error body, unless the stream's idle timeout is shorter. */
export const ERROR_BODY_WAIT_MS = 10_000;

/** When {@link readErrorBody} stops waiting. */
export interface ErrorBodyOptions {
  /** Aborting it stops the read at once, with what arrived so far. */
  signal?: AbortSignal | undefined;
  /** Longest wait for a chunk (default and most {@link ERROR_BODY_WAIT_MS}). */
  waitMs?: number | undefined;
}

/**
 * The text of a response that is not the stream asked for, read without waiting on it forever:
 * an error status body is read to its end or its first 64 KiB; a 2xx body of the wrong type may be a
 * live stream (a plain-text server), so only its first chunk is read. A body that stalls longer than
 * `waitMs` between chunks, or an abort, ends the read with what arrived. The rest is cancelled.
 * Undefined when there is no body, or nothing of it arrived before the read failed or stopped.
 */
export async function readErrorBody(
  response: Response,
  { signal, waitMs }: ErrorBodyOptions = {},
): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return undefined;
  // The status already says what went wrong: the body only adds detail, never worth a hang (a proxy
  // that sends 502 headers and stalls would otherwise hold the chat in `submitted` for ever).
  // Cancelling ends a pending read as `done`.
  let cut = false;
  const cancel = (): void => {
    cut = true;
    reader.cancel().catch(() => undefined);
  };
  const detach = onAbort(signal, cancel);
  const wait = Math.min(waitMs ?? ERROR_BODY_WAIT_MS, ERROR_BODY_WAIT_MS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const utf8 = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      timer = later(cancel, wait);
      const { done, value } = await reader.read();
      clearTimeout(timer);
      if (done) break;
      text += utf8.decode(value.subarray(0, MAX_ERROR_BODY_BYTES - bytes), { stream: true });
      bytes += value.byteLength;
      if (response.ok || bytes >= MAX_ERROR_BODY_BYTES) break;
    }
    text += utf8.decode();
  } catch {
    // A body that fails part-way: what arrived is still worth keeping.
    cut = true;
  } finally {
    clearTimeout(timer);
    detach();
    // Never awaited: a body that stalls must not hold the error back.
    reader.cancel().catch(() => undefined);
  }
  return text === '' && cut ? undefined : text;
}
