import type { Frame } from './frames.ts';
import type { StreamEvent } from './scenario-types.ts';

/** Framing variations a correct SSE reader must take in its stride. None changes the events. */
export interface SSEEncoding {
  /** Line ending: `'\n'` (default, what the API sends), `'\r\n'` or a lone `'\r'`. */
  lineEnding?: '\n' | '\r\n' | '\r' | undefined;
  /** A comment line (`: …`) at the start of the stream and before every event. */
  comments?: boolean | undefined;
  /** Spaces before the final `}` of each JSON payload (the API is allowed to pad). */
  padJson?: number | undefined;
  /** Each JSON payload spread over two `data:` lines (joined with a newline, still valid JSON). */
  splitData?: boolean | undefined;
  /** A leading U+FEFF byte order mark. */
  bom?: boolean | undefined;
}

/**
 * One SSE event block for an Anthropic event: `event: <type>`, `data: <JSON>`, blank line.
 *
 * @example
 * encodeSSEEvent({ type: 'ping' }); // 'event: ping\ndata: {"type":"ping"}\n\n'
 */
export function encodeSSEEvent(event: StreamEvent, encoding: SSEEncoding = {}): string {
  return encodeBlock(event.type, JSON.stringify(event), encoding, true);
}

/** The whole stream for a list of Anthropic events (BOM and opening comment included when asked). */
export function encodeSSE(events: readonly StreamEvent[], encoding: SSEEncoding = {}): string {
  return streamPrefix(encoding) + events.map((event) => encodeSSEEvent(event, encoding)).join('');
}

/** What precedes the first event: the BOM and the opening comment, when asked for. */
export function streamPrefix(encoding: SSEEncoding): string {
  const eol = encoding.lineEnding ?? '\n';
  return (encoding.bom ? '\uFEFF' : '') + (encoding.comments ? `: chatstream mock stream${eol}${eol}` : '');
}

/** Encodes one planned frame of the Anthropic protocol. */
export function encodeAnthropicFrame(frame: Frame, encoding: SSEEncoding): string {
  switch (frame.kind) {
    case 'event':
      return encodeSSEEvent(frame.event, encoding);
    case 'raw':
      return encodeBlock(frame.eventName, frame.data, encoding, false);
    default:
      throw new Error(`A ${frame.kind} frame belongs to the plain-text protocol.`);
  }
}

function encodeBlock(name: string, json: string, encoding: SSEEncoding, wellFormed: boolean): string {
  const eol = encoding.lineEnding ?? '\n';
  let data = json;
  if (wellFormed && encoding.padJson) data = `${data.slice(0, -1)}${' '.repeat(encoding.padJson)}}`;
  const lines = wellFormed && encoding.splitData ? [data.slice(0, -1), '}'] : [data];
  const comment = encoding.comments ? `: ${name}${eol}` : '';
  return `${comment}event: ${name}${eol}${lines.map((line) => `data: ${line}${eol}`).join('')}${eol}`;
}
