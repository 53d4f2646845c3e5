// The framing is small enough to write here: crc32 from node:zlib (Node ≥ 20.15) instead of a
// dependency. A namespace import, so a runtime without crc32 can still load the fake API's other routes.
import * as zlib from 'node:zlib';

const encoder = new TextEncoder();
/** The header value type `string` of the AWS event-stream encoding. */
const STRING_TYPE = 7;

/**
 * One message of AWS's binary event-stream encoding (`application/vnd.amazon.eventstream`), as
 * Bedrock streams it: a prelude (total length, headers length, CRC32 of those 8 bytes), the headers
 * (all string-typed), the payload, and a CRC32 of everything before it. Big-endian throughout.
 *
 * @example
 * encodeEventStreamMessage(
 *   { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
 *   new TextEncoder().encode('{"bytes":"e30="}'),
 * );
 */
export function encodeEventStreamMessage(
  headers: Readonly<Record<string, string>>,
  payload: Uint8Array,
): Uint8Array {
  const encodedHeaders = Object.entries(headers).map(([name, value]) => {
    const nameBytes = encoder.encode(name);
    const valueBytes = encoder.encode(value);
    const header = new Uint8Array(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    const view = new DataView(header.buffer);
    header[0] = nameBytes.length;
    header.set(nameBytes, 1);
    header[1 + nameBytes.length] = STRING_TYPE;
    view.setUint16(2 + nameBytes.length, valueBytes.length);
    header.set(valueBytes, 4 + nameBytes.length);
    return header;
  });
  const headersLength = encodedHeaders.reduce((sum, header) => sum + header.length, 0);
  const total = 12 + headersLength + payload.length + 4;
  const message = new Uint8Array(total);
  const view = new DataView(message.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headersLength);
  view.setUint32(8, zlib.crc32(message.subarray(0, 8)));
  let offset = 12;
  for (const header of encodedHeaders) {
    message.set(header, offset);
    offset += header.length;
  }
  message.set(payload, offset);
  view.setUint32(total - 4, zlib.crc32(message.subarray(0, total - 4)));
  return message;
}
