import { TEXT_DONE } from './text-done.ts';

const encoder = new TextEncoder();

/** Encodes text deltas as plain-text protocol events, one event per delta. */
export interface TextChunkEncoder {
  /** The event for the next piece of text, or undefined when there is nothing to send. */
  encode(text: string): Uint8Array | undefined;
}

/**
 * Creates a {@link TextChunkEncoder}: each delta becomes `data: <line>` lines and a blank line, so
 * SSE joins multi-line text back with `\n`. SSE cannot carry `\r`, so `\r\n` and `\r` become `\n`
 * — also when a `\r\n` is split between two deltas. A delta that is exactly `[DONE]` is sent as two
 * events so it cannot end the stream early.
 *
 * @example
 * createTextChunkEncoder().encode('two\nlines'); // bytes of 'data: two\ndata: lines\n\n'
 */
export function createTextChunkEncoder(): TextChunkEncoder {
  let skipLF = false;
  return {
    encode(text) {
      if (text === '') return undefined;
      const rest = skipLF && text.startsWith('\n') ? text.slice(1) : text;
      skipLF = text.endsWith('\r');
      const normalised = rest.replaceAll(/\r\n?/gu, '\n');
      if (normalised === '') return undefined;
      const pieces = normalised === TEXT_DONE ? ['[DON', 'E]'] : [normalised];
      return encoder.encode(pieces.map(encodeEvent).join(''));
    },
  };
}

function encodeEvent(text: string): string {
  return `${text
    .split('\n')
    .map((line) => `data: ${line}\n`)
    .join('')}\n`;
}
