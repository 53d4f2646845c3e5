// Bytes → typed Anthropic events: our SSE decoder + event decoder against eventsource-parser,
// the official SDK and a no-spec floor, on one deterministic 32 MiB Anthropic-shaped stream.
// Run: node --expose-gc --import tsx --conditions=@chatstream/source bench/sse-throughput.bench.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { createParser } from 'eventsource-parser';
import { decodeAnthropicEvent } from '../packages/reader/src/anthropic/decode-event.ts';
import { createSSEDecoder } from '../packages/reader/src/sse/sse-decoder.ts';

const TARGET_BYTES = 32 * 1024 * 1024;
const CHUNK_SIZES = [1024, 64 * 1024];
const WARMUP_ROUNDS = 1;
const ROUNDS = 7;
const SSE_ROUNDS = 9;

// ---- input ---------------------------------------------------------------------------------------

/** Small deterministic PRNG (mulberry32) so every run parses the same bytes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Words for text deltas: ASCII, Latin-1, CJK, astral emoji, and characters JSON must escape.
const WORDS: readonly string[] = (
  'the|stream|of|tokens|arrives|quickly|and|each|delta|is|small|Claude|answers|with|care|' +
  'naïve|café|über|résumé|日本語|テキスト|中文|Ωμέγα|привет|→|—|“quoted”|"raw quotes"|back\\slash|tab\there|line\nbreak|😀|🚀✨|emoji👍🏽|<tag>|&amp;|{json}|42|3.14'
).split('|');

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function buildStream(): Uint8Array {
  const rand = random(0x5eed);
  const parts: string[] = [];
  const written = { bytes: 0 };
  let sinceLastPing = 0;
  const emit = (payload: { type: string; [key: string]: unknown }): void => {
    const text = `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`;
    parts.push(text);
    written.bytes += Buffer.byteLength(text);
    if (++sinceLastPing >= 40 + Math.floor(rand() * 40)) {
      sinceLastPing = 0;
      const ping = 'event: ping\ndata: {"type": "ping"}\n\n';
      parts.push(ping);
      written.bytes += ping.length;
    }
  };
  emit({
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
  });
  let index = 0;
  while (written.bytes < TARGET_BYTES) {
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
        const words = 1 + Math.floor(rand() * 5);
        let text = '';
        for (let w = 0; w < words; w++) text += (w === 0 && rand() < 0.5 ? '' : ' ') + pick(rand, WORDS);
        emit({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } });
      }
    }
    emit({ type: 'content_block_stop', index });
    index++;
  }
  emit({
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: 123456 },
  });
  emit({ type: 'message_stop' });
  return new TextEncoder().encode(parts.join(''));
}

function split(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

// ---- contenders ----------------------------------------------------------------------------------
// Each turns the chunks into typed event objects and returns how many non-ping events it produced
// (the SDK drops pings itself; the others still parse them).

type Contender = (chunks: Uint8Array[]) => number | Promise<number>;

const ours: Contender = (chunks) => {
  let count = 0;
  const decoder = createSSEDecoder({
    onEvent(sse) {
      const event = decodeAnthropicEvent(sse);
      if (event !== undefined && event.type !== 'ping') count++;
    },
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return count;
};

const eventsourceParser: Contender = (chunks) => {
  let count = 0;
  const parser = createParser({
    onEvent(sse) {
      const event = JSON.parse(sse.data) as { type: string };
      if (event.type !== 'ping') count++;
    },
  });
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const chunk of chunks) parser.feed(utf8.decode(chunk, { stream: true }));
  parser.feed(utf8.decode());
  return count;
};

// The client's fetch replays whatever body the current run set up: no network involved.
let sdkBody: ReadableStream<Uint8Array> | undefined;
const sdkClient = new Anthropic({
  apiKey: 'bench',
  baseURL: 'http://localhost',
  maxRetries: 0,
  fetch: async () => new Response(sdkBody, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
});

const sdk: Contender = async (chunks) => {
  let next = 0;
  sdkBody = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const stream = await sdkClient.messages.create({
    model: 'claude-opus-4-6',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'hi' }],
    stream: true,
  });
  let count = 0;
  for await (const event of stream) if (event.type !== ('ping' as string)) count++;
  return count;
};

const floor: Contender = (chunks) => {
  let count = 0;
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  let carry = '';
  for (const chunk of chunks) {
    const text = carry + utf8.decode(chunk, { stream: true });
    let start = 0;
    let end = text.indexOf('\n\n');
    while (end !== -1) {
      const data = text.indexOf('data: ', start);
      const event = JSON.parse(text.slice(data + 6, end)) as { type: string };
      if (event.type !== 'ping') count++;
      start = end + 2;
      end = text.indexOf('\n\n', start);
    }
    carry = text.slice(start);
  }
  return count;
};

// Bare JSON.parse in place of decodeAnthropicEvent: shows what its shape checks cost.
const oursBareJSON: Contender = (chunks) => {
  let count = 0;
  const decoder = createSSEDecoder({
    onEvent(sse) {
      const event = JSON.parse(sse.data) as { type: string };
      if (event.type !== 'ping') count++;
    },
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return count;
};

// ---- the SSE layer alone: bytes → events with their data strings, no JSON --------------------------

const oursSSE: Contender = (chunks) => {
  let count = 0;
  const decoder = createSSEDecoder({
    onEvent(sse) {
      if (sse.data.length > 0) count++;
    },
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return count;
};

const eventsourceParserSSE: Contender = (chunks) => {
  let count = 0;
  const parser = createParser({
    onEvent(sse) {
      if (sse.data.length > 0) count++;
    },
  });
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const chunk of chunks) parser.feed(utf8.decode(chunk, { stream: true }));
  parser.feed(utf8.decode());
  return count;
};

const floorSSE: Contender = (chunks) => {
  let count = 0;
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  let carry = '';
  for (const chunk of chunks) {
    const text = carry + utf8.decode(chunk, { stream: true });
    let start = 0;
    let end = text.indexOf('\n\n');
    while (end !== -1) {
      const data = text.indexOf('data: ', start);
      if (text.slice(data + 6, end).length > 0) count++;
      start = end + 2;
      end = text.indexOf('\n\n', start);
    }
    carry = text.slice(start);
  }
  return count;
};

type Contenders = [name: string, run: Contender][];

const typedContenders: Contenders = [
  ['ours', ours],
  ['ours, bare JSON.parse', oursBareJSON],
  ['eventsource-parser', eventsourceParser],
  ['sdk', sdk],
  ['floor', floor],
];

const sseContenders: Contenders = [
  ['ours', oursSSE],
  ['eventsource-parser', eventsourceParserSSE],
  ['floor', floorSSE],
];

// ---- measurement ---------------------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const format = (value: number): string => value.toFixed(0);
const ratio = (value: number): string => `${value.toFixed(2)}×`;
const gc = (globalThis as { gc?: () => void }).gc;

/** Checks that every contender yields the same count, then returns each one's median MB/s. */
async function measure(
  contenders: Contenders,
  chunks: Uint8Array[],
  rounds: number,
): Promise<Map<string, number>> {
  const bytes = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const [[firstName, first]] = contenders as [[string, Contender]];
  const expected = await first(chunks);
  for (const [name, run] of contenders) {
    const count = await run(chunks);
    if (count !== expected) throw new Error(`${name} produced ${count} events, ${firstName} ${expected}`);
  }
  const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
  for (let round = 0; round < WARMUP_ROUNDS + rounds; round++) {
    // Rotate the order each round so no contender always runs right after the same neighbour.
    for (let k = 0; k < contenders.length; k++) {
      const [name, run] = contenders[(round + k) % contenders.length] as [string, Contender];
      gc?.();
      const start = performance.now();
      const count = await run(chunks);
      const elapsed = performance.now() - start;
      if (count !== expected) throw new Error(`${name} produced ${count} events, expected ${expected}`);
      if (round >= WARMUP_ROUNDS) times.get(name)?.push(elapsed);
    }
  }
  const mbps = new Map<string, number>();
  for (const [name, list] of times) mbps.set(name, bytes / 1e6 / (median(list) / 1000));
  return mbps;
}

function chunkLabel(size: number): string {
  return size >= 1024 ? `${size / 1024} KiB` : `${size} B`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const bytes = buildStream();
  console.log(`stream: ${bytes.length} bytes`);

  const typedRows: string[] = [];
  const sseRows: string[] = [];
  for (const chunkSize of CHUNK_SIZES) {
    const chunks = split(bytes, chunkSize);
    const typed = await measure(typedContenders, chunks, ROUNDS);
    const [o, b, e, s, f] = typedContenders.map(([name]) => typed.get(name) ?? Number.NaN) as [
      number,
      number,
      number,
      number,
      number,
    ];
    typedRows.push(
      `| ${chunkLabel(chunkSize)} | ${format(o)} | ${format(b)} | ${format(e)} | ${format(s)} | ${format(f)} | ` +
        `${ratio(o / e)} | ${ratio(o / s)} | ${ratio(o / f)} |`,
    );
    const sse = await measure(sseContenders, chunks, SSE_ROUNDS);
    const [so, se, sf] = sseContenders.map(([name]) => sse.get(name) ?? Number.NaN) as [
      number,
      number,
      number,
    ];
    sseRows.push(
      `| ${chunkLabel(chunkSize)} | ${format(so)} | ${format(se)} | ${format(sf)} | ${ratio(so / se)} | ${ratio(so / sf)} |`,
    );
    console.log(`${chunkLabel(chunkSize)} chunks done`);
  }

  const lines = [
    '## Bytes → typed Anthropic events',
    '',
    `Input: one deterministic Anthropic-shaped SSE stream of ${(bytes.length / 1048576).toFixed(1)} MiB ` +
      '(message_start, text blocks of `text_delta` events with non-ASCII and escaped text, tool blocks of ' +
      '`input_json_delta` events, pings, message_delta, message_stop), fed in fixed-size byte chunks. ' +
      'Each contender turns the bytes into typed event objects: **ours** = `createSSEDecoder` + ' +
      '`decodeAnthropicEvent` (**bare**: the same with plain `JSON.parse`, to show what the shape checks ' +
      'cost); **eventsource-parser** = `TextDecoder` (streaming) + `createParser` + `JSON.parse`; ' +
      '**SDK** = `@anthropic-ai/sdk` `messages.create({ stream: true })` iterated, reading the bytes from a ' +
      '`ReadableStream` behind a stub `fetch` (so it also pays for its async iteration; the others run ' +
      'synchronously over the chunk array); **floor** = `TextDecoder` + split on `\\n\\n` + `JSON.parse` of ' +
      'the data line, with no SSE rules at all. All produce the same event count. MB/s = 10⁶ bytes per ' +
      `second, median of ${ROUNDS} runs after ${WARMUP_ROUNDS} warm-up round(s), node ${process.version}. ` +
      '`JSON.parse` takes most of the time, so the end-to-end ratios sit near 1.',
    '',
    '| chunk | ours MB/s | ours, bare JSON.parse MB/s | eventsource-parser MB/s | SDK MB/s | floor MB/s | ours / eventsource-parser | ours / SDK | ours / floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...typedRows,
    '',
    '### The SSE layer alone',
    '',
    'Same bytes to `{ event, data, id }` objects, no JSON: `createSSEDecoder` against `TextDecoder` + ' +
      'eventsource-parser, and the no-spec floor (split on `\\n\\n`, slice the data line). ' +
      `Median of ${SSE_ROUNDS} runs.`,
    '',
    '| chunk | ours MB/s | eventsource-parser MB/s | floor MB/s | ours / eventsource-parser | ours / floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...sseRows,
  ];
  const markdown = `${lines.join('\n')}\n`;
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'sse-throughput.md'), markdown);
  console.log(`\n${markdown}`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

await main();
