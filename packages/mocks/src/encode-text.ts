import type { Frame } from './frames.ts';

/** Framing variations for the plain-text protocol. */
export interface TextEncoding {
  lineEnding?: '\n' | '\r\n' | '\r';
  bom?: boolean;
}

/**
 * One plain-text protocol event (`data: <text>`), as simple FastAPI/Flask servers emit it. Text with
 * line breaks becomes several `data:` lines in one event, which SSE joins back with `\n` (so `\r\n`
 * and `\r` in the text arrive as `\n`: SSE cannot carry them).
 *
 * @example
 * encodeTextChunk('two\nlines'); // 'data: two\ndata: lines\n\n'
 */
export function encodeTextChunk(text: string, encoding: TextEncoding = {}): string {
  const eol = encoding.lineEnding ?? '\n';
  return `${text
    .split(/\r\n|\r|\n/u)
    .map((line) => `data: ${line}${eol}`)
    .join('')}${eol}`;
}

/** The end marker of the plain-text protocol. */
export function encodeTextDone(encoding: TextEncoding = {}): string {
  const eol = encoding.lineEnding ?? '\n';
  return `data: [DONE]${eol}${eol}`;
}

/**
 * A whole plain-text protocol stream: one event per chunk, then `data: [DONE]`.
 *
 * @example
 * encodeTextStream(['Hel', 'lo']); // 'data: Hel\n\ndata: lo\n\ndata: [DONE]\n\n'
 */
export function encodeTextStream(chunks: readonly string[], encoding: TextEncoding = {}): string {
  return (
    (encoding.bom ? '\uFEFF' : '') +
    chunks.map((chunk) => encodeTextChunk(chunk, encoding)).join('') +
    encodeTextDone(encoding)
  );
}

/** Encodes one planned frame of the plain-text protocol; pings become comments. */
export function encodeTextFrame(frame: Frame, encoding: TextEncoding): string {
  const eol = encoding.lineEnding ?? '\n';
  switch (frame.kind) {
    case 'text':
      return encodeTextChunk(frame.text, encoding);
    case 'done':
      return encodeTextDone(encoding);
    case 'raw':
      return `data: ${frame.data}${eol}${eol}`;
    case 'event':
      return `: ${frame.event.type}${eol}${eol}`;
  }
}
