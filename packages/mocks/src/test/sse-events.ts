import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** Iterates a body's chunks (the DOM typings here do not declare ReadableStream as async iterable). */
export async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Reads a body to the end and parses its SSE events with eventsource-parser (an independent parser). */
export async function readSSE(body: ReadableStream<Uint8Array>): Promise<EventSourceMessage[]> {
  const messages: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => messages.push(message) });
  const decoder = new TextDecoder();
  for await (const chunk of chunksOf(body)) parser.feed(decoder.decode(chunk, { stream: true }));
  parser.feed(decoder.decode());
  return messages;
}

/** Reads a body to the end as bytes. */
export async function readBytes(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of chunksOf(body)) chunks.push(chunk);
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

/** A JSON round trip: what a message looks like on the wire (getters read, undefined keys dropped). */
export function jsonClone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
