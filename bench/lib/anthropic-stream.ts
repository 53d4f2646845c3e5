// Deterministic Anthropic-shaped SSE input for the benchmarks: the same bytes on every run, so
// results from different runs and different benchmarks describe the same work.

/** Small deterministic PRNG (mulberry32) so every run parses the same bytes. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Words for text deltas: ASCII, Latin-1, CJK, astral emoji, and characters JSON must escape. */
export const WORDS: readonly string[] = (
  'the|stream|of|tokens|arrives|quickly|and|each|delta|is|small|Claude|answers|with|care|' +
  'naïve|café|über|résumé|日本語|テキスト|中文|Ωμέγα|привет|→|—|“quoted”|"raw quotes"|back\\slash|tab\there|line\nbreak|😀|🚀✨|emoji👍🏽|<tag>|&amp;|{json}|42|3.14'
).split('|');

/** One item of `items`, chosen by `rand`. */
export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/** The text of one `text_delta`: one to five {@link WORDS}, usually space-separated. */
export function randomText(rand: () => number): string {
  const words = 1 + Math.floor(rand() * 5);
  let text = '';
  for (let w = 0; w < words; w++) text += (w === 0 && rand() < 0.5 ? '' : ' ') + pick(rand, WORDS);
  return text;
}

/** An Anthropic stream event as it goes on the wire (the `data:` JSON of one SSE event). */
type WireEvent = { type: string; [key: string]: unknown };

const MESSAGE_START: WireEvent = {
  type: 'message_start',
  message: {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    type: 'message',
    role: 'assistant',
    model: 'claude-opus-4-6',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: {
      input_tokens: 472,
      output_tokens: 2,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  },
};

const MESSAGE_DELTA: WireEvent = {
  type: 'message_delta',
  delta: { stop_reason: 'end_turn', stop_sequence: null },
  usage: { output_tokens: 123456 },
};

function sse(payload: WireEvent): string {
  return `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/**
 * One complete Anthropic Messages SSE stream of at least `targetBytes` bytes: `message_start`,
 * then alternating text blocks (hundreds of `text_delta` events with non-ASCII and escaped text)
 * and `tool_use` blocks (their JSON input in 1–24 character `input_json_delta` fragments), with a
 * ping every 40–80 events, then `message_delta` and `message_stop`. Deterministic: a smaller
 * target yields the same events up to the block where it stops.
 */
export function buildStream(targetBytes: number): Uint8Array {
  const rand = random(0x5eed);
  const parts: string[] = [];
  const written = { bytes: 0 };
  let sinceLastPing = 0;
  const emit = (payload: WireEvent): void => {
    const text = sse(payload);
    parts.push(text);
    written.bytes += Buffer.byteLength(text);
    if (++sinceLastPing >= 40 + Math.floor(rand() * 40)) {
      sinceLastPing = 0;
      const ping = 'event: ping\ndata: {"type": "ping"}\n\n';
      parts.push(ping);
      written.bytes += ping.length;
    }
  };
  emit(MESSAGE_START);
  let index = 0;
  while (written.bytes < targetBytes) {
    if (index % 3 === 2) {
      emit({
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: `toolu_${index}`, name: 'get_weather', input: {} },
      });
      const input = JSON.stringify({
        location: pick(rand, ['San Francisco, CA', 'München', '東京', 'São Paulo']),
        unit: pick(rand, ['celsius', 'fahrenheit']),
        days: Array.from({ length: 20 + Math.floor(rand() * 40) }, (_, day) => ({
          day,
          note: Array.from({ length: 3 }, () => pick(rand, WORDS)).join(' '),
        })),
      });
      emit({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '' } });
      for (let at = 0; at < input.length;) {
        const size = 1 + Math.floor(rand() * 24);
        const partial = input.slice(at, at + size);
        emit({
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: partial },
        });
        at += size;
      }
    } else {
      emit({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      const deltas = 200 + Math.floor(rand() * 600);
      for (let i = 0; i < deltas; i++) {
        emit({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: randomText(rand) } });
      }
    }
    emit({ type: 'content_block_stop', index });
    index++;
  }
  emit(MESSAGE_DELTA);
  emit({ type: 'message_stop' });
  return new TextEncoder().encode(parts.join(''));
}

/** `bytes` cut into `size`-byte chunks (views, no copies). */
export function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

/**
 * A response body that hands out `chunks` one per pull, as a network body does: the reader, not
 * the producer, sets the pace.
 */
export function chunkStream(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/** What a {@link textStream} has produced so far. */
export interface TextStreamTotals {
  /** `text_delta` events. */
  deltas: number;
  /** UTF-16 code units of delta text (what `string.length` counts). */
  textChars: number;
  /** UTF-8 bytes of delta text. */
  textBytes: number;
  /** SSE bytes of the whole body. */
  sseBytes: number;
}

/** Options of {@link textStream}. */
export interface TextStreamOptions {
  /** Size of each body chunk (the last one may be shorter); events may straddle chunks. */
  chunkBytes: number;
  /** Called at every pull, before the next chunk is produced. */
  onPull?: () => void;
}

/** Distinct delta events a {@link textStream} draws from. */
const POOL_SIZE = 4096;

/**
 * A single-text-block Anthropic stream carrying at least `textBytes` UTF-8 bytes of delta text,
 * produced chunk by chunk as it is pulled, so a long output never sits in memory as input.
 * `totals` fills in as the body is read.
 */
export function textStream(
  textBytes: number,
  options: TextStreamOptions,
): { body: ReadableStream<Uint8Array>; totals: TextStreamTotals } {
  const rand = random(0x7e47);
  const encoder = new TextEncoder();
  // Encoding each delta on the fly would cost more than reading it and swamp the reader's share
  // of the time; copying from a small pre-encoded pool (chosen at random) keeps generation cheap.
  const pool = Array.from({ length: POOL_SIZE }, () => {
    const text = randomText(rand);
    return {
      chars: text.length,
      bytes: Buffer.byteLength(text),
      sse: encoder.encode(
        sse({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
      ),
    };
  });
  const head = encoder.encode(
    sse(MESSAGE_START) +
      sse({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
  );
  const tail = encoder.encode(
    sse({ type: 'content_block_stop', index: 0 }) + sse(MESSAGE_DELTA) + sse({ type: 'message_stop' }),
  );
  const totals: TextStreamTotals = { deltas: 0, textChars: 0, textBytes: 0, sseBytes: 0 };
  let pending: Uint8Array = head;
  let ended = false;
  const next = (): Uint8Array | undefined => {
    if (totals.textBytes < textBytes) {
      const entry = pick(rand, pool);
      totals.deltas++;
      totals.textChars += entry.chars;
      totals.textBytes += entry.bytes;
      return entry.sse;
    }
    if (ended) return undefined;
    ended = true;
    return tail;
  };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      options.onPull?.();
      const chunk = new Uint8Array(options.chunkBytes);
      let filled = 0;
      while (filled < chunk.length) {
        if (pending.length === 0) {
          const event = next();
          if (event === undefined) break;
          pending = event;
        }
        const take = Math.min(pending.length, chunk.length - filled);
        chunk.set(pending.subarray(0, take), filled);
        filled += take;
        pending = pending.subarray(take);
      }
      if (filled === 0) {
        controller.close();
        return;
      }
      totals.sseBytes += filled;
      controller.enqueue(filled === chunk.length ? chunk : chunk.subarray(0, filled));
    },
  });
  return { body, totals };
}
