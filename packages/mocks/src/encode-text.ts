import type { Frame } from './frames.ts';
import { createTextDeltaSplitter } from './text-delta-splitter.ts';

/** Framing variations for the plain-text protocol. */
export interface TextEncoding {
  lineEnding?: '\n' | '\r\n' | '\r' | undefined;
  bom?: boolean | undefined;
}

/**
 * One text delta as plain-text protocol events (`data: <text>`), as simple FastAPI/Flask servers
 * emit them and `@chatstream/server`'s relay sends a delta: text with line breaks becomes several
 * `data:` lines in one event, which SSE joins back with `\n` (so `\r\n` and `\r` arrive as `\n`: SSE
 * cannot carry them); a delta of exactly `[DONE]` is sent as two events so it cannot end the stream;
 * an empty one sends nothing. For the deltas of a whole stream use {@link encodeTextStream}, which
 * also keeps a `\r\n` split between two deltas one line break.
 *
 * @example
 * encodeTextChunk('two\nlines'); // 'data: two\ndata: lines\n\n'
 */
export function encodeTextChunk(text: string, encoding: TextEncoding = {}): string {
  return encodeTextDelta(createTextDeltaSplitter(), text, encoding);
}

/** The end marker of the plain-text protocol. */
export function encodeTextDone(encoding: TextEncoding = {}): string {
  const eol = encoding.lineEnding ?? '\n';
  return `data: [DONE]${eol}${eol}`;
}

/**
 * A whole plain-text protocol stream: the events of each chunk (see {@link encodeTextChunk}), then
 * `data: [DONE]`. A `\r\n` split between two chunks stays one line break, as through the relay.
 *
 * @example
 * encodeTextStream(['Hel', 'lo']); // 'data: Hel\n\ndata: lo\n\ndata: [DONE]\n\n'
 * encodeTextStream(['a\r', '\nb']); // 'data: a\ndata: \n\ndata: b\n\ndata: [DONE]\n\n'
 */
export function encodeTextStream(chunks: readonly string[], encoding: TextEncoding = {}): string {
  const split = createTextDeltaSplitter();
  return (
    (encoding.bom ? '\uFEFF' : '') +
    chunks.map((chunk) => encodeTextDelta(split, chunk, encoding)).join('') +
    encodeTextDone(encoding)
  );
}

/**
 * Encodes one planned frame of the plain-text protocol; pings become comments. A text frame is one
 * event whose text the plan already cut with {@link createTextDeltaSplitter}.
 */
export function encodeTextFrame(frame: Frame, encoding: TextEncoding): string {
  const eol = encoding.lineEnding ?? '\n';
  switch (frame.kind) {
    case 'text':
      return encodeTextEvent(frame.text, encoding);
    case 'done':
      return encodeTextDone(encoding);
    case 'raw':
      return `data: ${frame.data}${eol}${eol}`;
    case 'event':
      return `: ${frame.event.type}${eol}${eol}`;
  }
}

function encodeTextDelta(split: (text: string) => string[], text: string, encoding: TextEncoding): string {
  return split(text)
    .map((piece) => encodeTextEvent(piece, encoding))
    .join('');
}

/** One event for `text`, whose line breaks are all `\n` already. */
function encodeTextEvent(text: string, encoding: TextEncoding): string {
  const eol = encoding.lineEnding ?? '\n';
  return `${text
    .split('\n')
    .map((line) => `data: ${line}${eol}`)
    .join('')}${eol}`;
}
