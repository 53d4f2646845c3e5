/** Bytes per `String.fromCharCode` call: a multiple of 3 (so chunks encode independently) well under argument limits. */
const CHUNK = 24_576;

/**
 * `bytes` as standard base64. Works everywhere the reader runs (`Uint8Array.prototype.toBase64` and
 * `Buffer` do not); chunked so a 30 MB file neither overflows the call stack nor builds one huge
 * binary string.
 */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += CHUNK) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(start, start + CHUNK))));
  }
  return parts.join('');
}
