import { createPartialJSONParser, type PartialJSONParser } from '../partial-json/partial-json-parser.ts';
import type { BlockProgress } from '../types.ts';

/**
 * The live parser of each streaming tool input, keyed by the progress object of the snapshot
 * that last used it. A parser moves to the next snapshot's progress object as deltas arrive, so
 * applying a delta stays O(delta). If an older snapshot is reduced again (the reducer is pure),
 * its parser is gone or has moved on, and one is rebuilt from the buffered JSON instead.
 */
const parsers = new WeakMap<BlockProgress, PartialJSONParser>();

/** Takes the parser that has read exactly `progress.inputJson`, rebuilding it when needed. */
export function takeParser(progress: BlockProgress): PartialJSONParser {
  const parser = parsers.get(progress);
  if (parser) {
    parsers.delete(progress);
    return parser;
  }
  const fresh = createPartialJSONParser();
  if (progress.inputJson) fresh.push(progress.inputJson);
  return fresh;
}

/** Files `parser` under the progress object of the snapshot that now owns it. */
export function keepParser(progress: BlockProgress, parser: PartialJSONParser): void {
  parsers.set(progress, parser);
}

/** True when a tool input buffer holds nothing but JSON whitespace (the API often sends `""` first). */
export function isBlankJSON(text: string): boolean {
  return /^[ \t\n\r]*$/.test(text);
}
