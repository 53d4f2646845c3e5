import type { ContentBlockDeltaEvent } from '../types.ts';
import { flatCopy } from './flat-copy.ts';

// Hand-written on purpose: text and tool-input deltas are nearly every event of a stream, and
// `JSON.parse` building their two objects was most of the reader's time. The API writes them in
// one compact form, so recognising exactly that form and parsing only the string inside it makes
// bytes → typed events 1.5–1.8× faster than the same pipeline with `JSON.parse`
// (bench/sse-throughput.bench.ts, "bare" column). Anything else, even valid JSON spelled
// differently, goes to `JSON.parse`.

const TAIL = '"}}';
const INDEX_AT = '{"type":"content_block_delta","index":'.length;
const DELTA_TYPE_OFFSET = ',"delta":{"type":"'.length;
// From the comma after the index to the string literal's opening quote.
const TEXT_OFFSET = ',"delta":{"type":"text_delta","text":'.length;
const INPUT_JSON_OFFSET = ',"delta":{"type":"input_json_delta","partial_json":'.length;

/**
 * The compact form up to the string's opening quote, then, when the string needs no decoding (no
 * quote, backslash or control character: the usual case), the rest of the event. Sticky, so a match
 * leaves `lastIndex` at its end: the end of the data for such a plain delta, whose text is then
 * copied as it is (that beat `JSON.parse` of the literal by about 5 % of bytes → events). One test
 * telling both kinds apart takes fewer instructions per stream than a pattern for each (2–6 %,
 * bench/instructions/count.sh). A literal, not `new RegExp`: bundlers keep a module's top-level
 * calls, which would put this file into bundles of the SSE parser alone.
 */
const COMPACT_DELTA =
  // oxlint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters.
  /^\{"type":"content_block_delta","index":(?:0|[1-9]\d{0,8}),"delta":\{"type":"(?:text_delta","text|input_json_delta","partial_json)":"(?:[^"\\\u0000-\u001f]*"\}\}$)?/y;

/**
 * Reads a `text_delta` or `input_json_delta` event written exactly as the API writes it
 * (`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}`) without
 * parsing the whole event. Returns what `JSON.parse` would, or `undefined` when `data` is in any other form
 * or is not valid JSON, for the caller to parse in full.
 */
export function readCompactDelta(data: string): ContentBlockDeltaEvent | undefined {
  COMPACT_DELTA.lastIndex = 0;
  if (!COMPACT_DELTA.test(data)) return undefined;
  // The match also ends at the end of data cut right after the string's opening quote; a plain
  // delta's ends in a brace.
  const isPlain = COMPACT_DELTA.lastIndex === data.length && data.charCodeAt(data.length - 1) === 0x7d;
  if (!isPlain && !data.endsWith(TAIL)) return undefined;
  let at = INDEX_AT;
  let index = 0;
  // The pattern allowed only digits up to the comma.
  for (let code = data.charCodeAt(at); code !== 0x2c; code = data.charCodeAt(++at)) {
    index = index * 10 + code - 0x30;
  }
  const isText = data.charCodeAt(at + DELTA_TYPE_OFFSET) === 0x74;
  const quote = at + (isText ? TEXT_OFFSET : INPUT_JSON_OFFSET);
  const value = isPlain ? unshared(data.slice(quote + 1, -TAIL.length)) : parsed(data, quote);
  if (value === undefined) return undefined;
  return isText
    ? { type: 'content_block_delta', index, delta: { type: 'text_delta', text: value } }
    : { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: value } };
}

/**
 * `slice` as a string that holds no chunk alive. V8 copies slices shorter than 13 characters anyway
 * (many deltas): skipping `flatCopy` for them takes 3 % fewer instructions per stream (same count).
 */
const unshared = (slice: string): string => (slice.length < 13 ? slice : flatCopy(slice));

/** The string literal starting at `quote` and ending before the tail, read by `JSON.parse` (escapes and all). */
function parsed(data: string, quote: number): string | undefined {
  try {
    const value: unknown = JSON.parse(data.slice(quote, 1 - TAIL.length));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
