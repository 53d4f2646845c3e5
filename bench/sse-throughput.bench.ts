// Bytes → typed Anthropic events: our SSE decoder + event decoder against eventsource-parser,
// the official SDK and a no-spec floor, on one deterministic 32 MiB Anthropic-shaped stream.
// Run: node --expose-gc --import tsx --conditions=@chatstream/source bench/sse-throughput.bench.ts
import Anthropic from '@anthropic-ai/sdk';
import { createParser } from 'eventsource-parser';
import { createSSEDecoder } from '../packages/reader/src/sse/sse-decoder.ts';
import { buildStream, chunkStream, split } from './lib/anthropic-stream.ts';
import { countTypedEvents } from './lib/count-typed-events.ts';
import {
  chunkLabel,
  formatElapsed,
  formatMiB,
  formatRate,
  formatRatio,
  markdownTable,
  measure,
  medians,
  speedup,
  throughput,
  writeResult,
  type Contender,
  type Run,
} from './lib/measure.ts';
import { measureInOwnProcess, ownProcessTask, reportRounds } from './lib/own-process.ts';

const TARGET_BYTES = 32 * 1024 * 1024;
const CHUNK_SIZES = [1024, 64 * 1024];
const WARMUP_ROUNDS = 1;
const ROUNDS = 7;
const SSE_ROUNDS = 9;

// ---- contenders ----------------------------------------------------------------------------------
// Each turns the chunks into typed event objects and returns how many non-ping events it produced
// (the SDK drops pings itself; the others still parse them).

type CountEvents = Run<Uint8Array[], number>;

const ours: CountEvents = countTypedEvents;

const eventsourceParser: CountEvents = (chunks) => {
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

const sdk: CountEvents = async (chunks) => {
  sdkBody = chunkStream(chunks);
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

const floor: CountEvents = (chunks) => {
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

// Bare JSON.parse in place of decodeAnthropicEvent: what the compact-delta reading saves, net of the
// shape checks.
const oursBareJSON: CountEvents = (chunks) => {
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

const oursSSE: CountEvents = (chunks) => {
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

const eventsourceParserSSE: CountEvents = (chunks) => {
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

const floorSSE: CountEvents = (chunks) => {
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

// Each group runs in a process of its own, so no library serves two contenders' callbacks (see
// lib/own-process.ts): our decoder with and without the event decoder, or eventsource-parser with and
// without JSON, would otherwise slow each other down.
const groups = {
  typed: [
    ['ours', ours],
    ['eventsource-parser', eventsourceParser],
    ['sdk', sdk],
    ['floor', floor],
  ],
  bare: [['ours, bare JSON.parse', oursBareJSON]],
  sse: [
    ['ours', oursSSE],
    ['eventsource-parser', eventsourceParserSSE],
    ['floor', floorSSE],
  ],
} satisfies Record<string, Contender<Uint8Array[], number>[]>;

type Group = keyof typeof groups;

/** Measures one group on one chunk size (in a child process); every run must count `expected` events. */
async function measureGroup(group: Group, chunkSize: number, expected: number): Promise<void> {
  const chunks = split(buildStream(TARGET_BYTES), chunkSize);
  const rounds = group === 'sse' ? SSE_ROUNDS : ROUNDS;
  const options = { warmupRounds: WARMUP_ROUNDS, rounds, unit: 'events', expected };
  reportRounds(await measure(groups[group], chunks, options));
}

async function main(): Promise<void> {
  const started = performance.now();
  const bytes = buildStream(TARGET_BYTES);
  console.log(`stream: ${bytes.length} bytes`);

  const typedRows: string[][] = [];
  const sseRows: string[][] = [];
  // What every contender must count, established here by the floors.
  const typedCount = await floor([bytes]);
  const sseCount = await floorSSE([bytes]);
  for (const chunkSize of CHUNK_SIZES) {
    const typedRounds = measureInOwnProcess(`typed:${chunkSize}:${typedCount}`);
    const bareRounds = measureInOwnProcess(`bare:${chunkSize}:${typedCount}`);
    const typed = throughput(medians(new Map([...typedRounds, ...bareRounds])), bytes.length);
    typedRows.push([
      chunkLabel(chunkSize),
      ...['ours', 'ours, bare JSON.parse', 'eventsource-parser', 'sdk', 'floor'].map((name) =>
        formatRate(typed.get(name) ?? Number.NaN),
      ),
      ...['eventsource-parser', 'sdk', 'floor'].map((peer) =>
        formatRatio(speedup(typedRounds, 'ours', peer)),
      ),
    ]);
    const sseRounds = measureInOwnProcess(`sse:${chunkSize}:${sseCount}`);
    const sse = throughput(medians(sseRounds), bytes.length);
    sseRows.push([
      chunkLabel(chunkSize),
      ...groups.sse.map(([name]) => formatRate(sse.get(name) ?? Number.NaN)),
      ...['eventsource-parser', 'floor'].map((peer) => formatRatio(speedup(sseRounds, 'ours', peer))),
    ]);
    console.log(`${chunkLabel(chunkSize)} chunks done`);
  }

  writeResult('sse-throughput', [
    '## Bytes → typed Anthropic events',
    '',
    `Input: one deterministic Anthropic-shaped SSE stream of ${formatMiB(bytes.length)} MiB ` +
      '(message_start, text blocks of `text_delta` events with non-ASCII and escaped text, tool blocks of ' +
      '`input_json_delta` events, pings, message_delta, message_stop), fed in fixed-size byte chunks. ' +
      'Each contender turns the bytes into typed event objects: **ours** = `createSSEDecoder` + ' +
      "`decodeAnthropicEvent`, which reads text and tool-input deltas in the API's compact form without " +
      "`JSON.parse` and checks every event's shape (**bare**: our SSE layer with plain `JSON.parse` and no " +
      'checks); **eventsource-parser** = `TextDecoder` (streaming) + `createParser` + `JSON.parse`; ' +
      '**SDK** = `@anthropic-ai/sdk` `messages.create({ stream: true })` iterated, reading the bytes from a ' +
      '`ReadableStream` behind a stub `fetch` (so it also pays for its async iteration; the others run ' +
      'synchronously over the chunk array); **floor** = `TextDecoder` + split on `\\n\\n` + `JSON.parse` of ' +
      'the data line, with no SSE rules at all. All produce the same event count. MB/s = 10⁶ bytes per ' +
      `second, median of ${ROUNDS} runs after ${WARMUP_ROUNDS} warm-up round(s), node ${process.version}. ` +
      "Ratios are medians over rounds of the two contenders' times in the same round (so the machine " +
      'drifting between rounds does not move them), which is why they can differ from the ratio of the MB/s. ' +
      'Ours, eventsource-parser, the SDK and the floor run together in one Node process, bare in another, so ' +
      "that no library's code serves two contenders' callbacks: V8 would then optimise it for both, and " +
      'each ran ~10 % slower than in an app, where it has one caller.',
    '',
    ...markdownTable(
      [
        'chunk',
        'ours MB/s',
        'ours, bare JSON.parse MB/s',
        'eventsource-parser MB/s',
        'SDK MB/s',
        'floor MB/s',
        'ours / eventsource-parser',
        'ours / SDK',
        'ours / floor',
      ],
      typedRows,
    ),
    '',
    '### The SSE layer alone',
    '',
    'Same bytes to `{ event, data, id }` objects, no JSON: `createSSEDecoder` against `TextDecoder` + ' +
      'eventsource-parser, and the no-spec floor (split on `\\n\\n`, slice the data line), in a process of ' +
      `their own. Median of ${SSE_ROUNDS} runs; ratios paired by round as above.`,
    '',
    ...markdownTable(
      [
        'chunk',
        'ours MB/s',
        'eventsource-parser MB/s',
        'floor MB/s',
        'ours / eventsource-parser',
        'ours / floor',
      ],
      sseRows,
    ),
  ]);
  console.log(formatElapsed(started));
}

if (ownProcessTask === undefined) {
  await main();
} else {
  const [group, chunkSize, expected] = ownProcessTask.split(':');
  if (group === undefined || !(group in groups)) throw new Error(`Unknown task ${ownProcessTask}`);
  await measureGroup(group as Group, Number(chunkSize), Number(expected));
}
