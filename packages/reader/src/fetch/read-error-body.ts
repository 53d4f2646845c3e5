/** Most bytes of an error body kept: Anthropic's errors are a few hundred bytes, proxies' pages a few KB. */
export const MAX_ERROR_BODY_BYTES = 65_536; // 64 KiB, a literal: bundlers keep a computed constant

/**
 * The text of a response that is not the stream asked for, read without waiting on it forever:
 * an error status body is read to its end or its first 64 KiB; a 2xx body of the wrong type may be a
 * live stream (a plain-text server), so only what already arrived in its first chunk is read. The
 * rest is cancelled. Undefined when there is no body or it cannot be read.
 */
export async function readErrorBody(response: Response): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return undefined;
  const utf8 = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += utf8.decode(value.subarray(0, MAX_ERROR_BODY_BYTES - bytes), { stream: true });
      bytes += value.byteLength;
      if (response.ok || bytes >= MAX_ERROR_BODY_BYTES) break;
    }
    return text + utf8.decode();
  } catch {
    return text === '' ? undefined : text;
  } finally {
    // Never awaited: a body that stalls must not hold the error back.
    reader.cancel().catch(() => undefined);
  }
}
