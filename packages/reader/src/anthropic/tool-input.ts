import { PartialJSONScanner } from '../partial-json/partial-json-scanner.ts';
import type { BlockProgress } from '../types.ts';

/** A streaming tool input: its parser, and how much JSON arrived since its value was last read. */
export interface LiveInput {
  parser: PartialJSONScanner;
  unread: number;
}

/**
 * The live input of each streaming tool block, keyed by the progress object of the snapshot that
 * last used it. It moves to the next snapshot's progress object as deltas arrive, so applying a
 * delta stays O(delta). If an older snapshot is reduced again (the reducer is pure), its input is
 * gone or has moved on, and one is rebuilt from the buffered JSON instead.
 */
const inputs = new WeakMap<BlockProgress, LiveInput>();

/** Takes the live input that has read exactly `progress.inputJson`, rebuilding it when needed. */
export function takeInput(progress: BlockProgress): LiveInput {
  const input = inputs.get(progress);
  if (input) {
    inputs.delete(progress);
    return input;
  }
  const parser = new PartialJSONScanner();
  if (progress.inputJson) parser.push(progress.inputJson);
  return { parser, unread: progress.inputJson?.length ?? 0 };
}

/** Files `input` under the progress object of the snapshot that now owns it. */
export function keepInput(progress: BlockProgress, input: LiveInput): void {
  inputs.set(progress, input);
}

/** How many characters of JSON must arrive per entry a reading copies before the next reading. */
const CHARACTERS_PER_COPIED_ENTRY = 0.031_25; // 1 / 32, a literal: bundlers keep a computed constant

/**
 * The input's reading after `length` more characters arrived, or `undefined` to keep the last one.
 * A reading copies the open arrays and objects; while one with thousands of entries fills up,
 * reading after every delta would make the whole input quadratic (10 s for a 40,000-number array
 * in 8-character deltas). So a reading is due once the JSON received since the last one is at
 * least 1/32 of what that one copied: the total stays linear, and a usual input (a few keys, long
 * strings) is still read after every delta.
 */
export function readLiveInput(input: LiveInput, length: number): unknown {
  input.unread += length;
  if (input.unread < input.parser.readCost * CHARACTERS_PER_COPIED_ENTRY) return undefined;
  input.unread = 0;
  return input.parser.value;
}

/** True when a tool input buffer holds nothing but JSON whitespace (the API often sends `""` first). */
export function isBlankJSON(text: string): boolean {
  return /^[ \t\n\r]*$/.test(text);
}
