import { memo, type NamedExoticComponent, type ReactNode } from 'react';

/** Props of {@link PlainText}. */
export interface PlainTextProps {
  /** The text, line breaks kept. */
  text: string;
  /** Shows the streaming cursor after the last line. */
  streaming: boolean;
  /** Draws a line's text (`TextBlock` draws its citation marks); keep it stable, it is a memo key. */
  renderLine?: ((line: string) => ReactNode) | undefined;
}

/** Lines per memoised chunk: a commit compares a few chunks instead of every line. */
const CHUNK_LINES = 32;

/** Some lines of the text; the last chunk of a streaming text ends with the cursor. */
const PlainChunk = /* @__PURE__ */ memo(function PlainChunk({
  text,
  cursor,
  renderLine,
}: {
  text: string;
  cursor?: boolean;
  renderLine?: ((line: string) => ReactNode) | undefined;
}) {
  const lines = text.split('\n');
  return lines.map((line, index) => {
    const end = cursor && index === lines.length - 1;
    return (
      <div key={index} data-slot="text-line">
        {line || end ? renderLine ? renderLine(line) : line : <br />}
        {end ? <span data-slot="streaming-cursor" aria-hidden /> : null}
      </div>
    );
  });
});

/**
 * Plain text as one block element per line: while an answer streams only its last line changes, so
 * the browser lays out that line instead of the whole answer (one growing text node cost about 34 ms
 * of layout per frame at 30k characters in the Chromium benchmark). The lines are rendered in
 * memoised chunks, so a commit of a long answer renders its last chunk only.
 */
export const PlainText: NamedExoticComponent<PlainTextProps> = /* @__PURE__ */ memo(function PlainText({
  text,
  streaming,
  renderLine,
}: PlainTextProps): ReactNode {
  const chunks: ReactNode[] = [];
  // Chunks are cut at every 32nd line break, rather than splitting the whole text into lines and
  // joining them again: that copied the whole answer on every render.
  let start = 0;
  for (let end = -1, count = 0; (end = text.indexOf('\n', end + 1)) >= 0;) {
    if (++count % CHUNK_LINES) continue;
    chunks.push(<PlainChunk key={start} text={text.slice(start, end)} renderLine={renderLine} />);
    start = end + 1;
  }
  chunks.push(<PlainChunk key={start} text={text.slice(start)} cursor={streaming} renderLine={renderLine} />);
  return chunks;
});
