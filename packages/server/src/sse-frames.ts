const encoder = new TextEncoder();

/** The `ping` event exactly as Anthropic sends it. */
export const ANTHROPIC_PING: Uint8Array = encoder.encode('event: ping\ndata: {"type": "ping"}\n\n');

/** A comment line: keeps a plain-text stream alive without producing an event. */
export const COMMENT_PING: Uint8Array = encoder.encode(': ping\n\n');

/**
 * An Anthropic `error` event for a failure after the stream began.
 *
 * @example
 * anthropicErrorEvent('api_error', 'The connection to Anthropic was lost.');
 * // the bytes of event: error\ndata: {"type":"error","error":{"type":"api_error","message":"…"}}\n\n
 */
export function anthropicErrorEvent(type: string, message: string): Uint8Array {
  const data = JSON.stringify({ type: 'error', error: { type, message } });
  return encoder.encode(`event: error\ndata: ${data}\n\n`);
}

/**
 * A plain-text protocol `error` event: the message as data, one `data:` line per line of it.
 *
 * @example
 * textErrorEvent('Overloaded'); // the bytes of 'event: error\ndata: Overloaded\n\n'
 */
export function textErrorEvent(message: string): Uint8Array {
  const lines = message.split(/\r\n|\r|\n/u).map((line) => `data: ${line}\n`);
  return encoder.encode(`event: error\n${lines.join('')}\n`);
}
