/** What {@link readBody} found: the text, or that the body is larger than allowed or not UTF-8. */
export type ReadBodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'not-utf8' };

/**
 * Reads a request body as UTF-8 text, giving up (and cancelling the body) as soon as it grows past
 * `maxBytes`, so an oversized upload is never held in memory. `content-length` is checked first.
 *
 * @example
 * const body = await readBody(request, 1_048_576);
 * if (!body.ok) return errorResponse(413, 'request_too_large', 'Too large');
 */
export async function readBody(request: Request, maxBytes: number): Promise<ReadBodyResult> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) return { ok: false, reason: 'too-large' };
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'too-large' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    // JSON is UTF-8 (RFC 8259): other bytes would reach the model as U+FFFD, the text changed unseen.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-utf8' };
  }
}
