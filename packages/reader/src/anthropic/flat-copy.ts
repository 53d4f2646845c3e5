/**
 * The same text as a new flat string that shares no memory with any other. Engines keep a sliced
 * string's whole parent alive (a delta cut from a decoded network chunk keeps the chunk) and an
 * appended string as a rope of its pieces (about 4× the text, see bench/message-stream.bench.ts);
 * slicing a fresh concatenation makes a flat copy.
 */
export function flatCopy(text: string): string {
  return (text + ' ').slice(0, -1);
}
