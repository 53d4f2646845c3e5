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

const contenders: [name: string, run: Contender][] = [
  ['ours', ours],
  ['eventsource-parser', eventsourceParser],
  ['sdk', sdk],
  ['floor', floor],
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

async function main(): Promise<void> {
  const started = performance.now();
  const bytes = buildStream();
  const mb = bytes.length / 1e6;
  console.log(`stream: ${bytes.length} bytes`);

  const rows: { chunkSize: number; mbps: Map<string, number> }[] = [];
  for (const chunkSize of CHUNK_SIZES) {
    const chunks = split(bytes, chunkSize);
    const expected = await ours(chunks);
    for (const [name, run] of contenders) {
      const count = await run(chunks);
      if (count !== expected) throw new Error(`${name} produced ${count} events, ours ${expected}`);
    }
    const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
    for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
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
    for (const [name, list] of times) mbps.set(name, mb / (median(list) / 1000));
    rows.push({ chunkSize, mbps });
    console.log(`${chunkSize} B chunks: ${expected} typed events (+ pings) per run`);
  }

  const rate = (row: (typeof rows)[number], name: string): number => row.mbps.get(name) ?? Number.NaN;
  const lines = [
    '## Bytes → typed Anthropic events',
    '',
    `Input: one deterministic Anthropic-shaped SSE stream of ${(bytes.length / 1048576).toFixed(1)} MiB ` +
      '(message_start, text blocks of `text_delta` events with non-ASCII and escaped text, tool blocks of ' +
      '`input_json_delta` events, pings, message_delta, message_stop), fed in fixed-size byte chunks. ' +
      'Each contender turns the bytes into typed event objects: **ours** = `createSSEDecoder` + ' +
      '`decodeAnthropicEvent`; **eventsource-parser** = `TextDecoder` (streaming) + `createParser` + ' +
      '`JSON.parse`; **SDK** = `@anthropic-ai/sdk` `messages.create({ stream: true })` iterated, reading ' +
      'the bytes from a `ReadableStream` behind a stub `fetch` (so it pays for its async iteration, the ' +
      'others run synchronously over the chunk array); **floor** = `TextDecoder` + split on `\\n\\n` + ' +
      '`JSON.parse` of the data line, with no SSE rules at all. All produce the same event count. ' +
      `MB/s = 10⁶ bytes per second, median of ${ROUNDS} runs after ${WARMUP_ROUNDS} warm-up rounds, ` +
      `node ${process.version}.`,
    '',
    '| chunk | ours MB/s | eventsource-parser MB/s | SDK MB/s | floor MB/s | ours / eventsource-parser | ours / SDK | ours / floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => {
      const [o, e, s, f] = ['ours', 'eventsource-parser', 'sdk', 'floor'].map((name) => rate(row, name)) as [
        number,
        number,
        number,
        number,
      ];
      const size = row.chunkSize >= 1024 ? `${row.chunkSize / 1024} KiB` : `${row.chunkSize} B`;
      return `| ${size} | ${format(o)} | ${format(e)} | ${format(s)} | ${format(f)} | ${ratio(o / e)} | ${ratio(o / s)} | ${ratio(o / f)} |`;
    }),
  ];
  const markdown = `${lines.join('\n')}\n`;
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'sse-throughput.md'), markdown);
  console.log(`\n${markdown}`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

await main();
