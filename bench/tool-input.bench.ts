// Tool input streamed as `input_json_delta` fragments, with the live value read after every delta:
// ours (incremental) against peers that re-parse the whole buffer on each delta.
// Run: node --expose-gc --import tsx --conditions=@chatstream/source bench/tool-input.bench.ts
import Anthropic from '@anthropic-ai/sdk';
import { parsePartialJson } from 'ai';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parse as partialJsonParse } from 'partial-json';
import { createPartialJSONParser } from '../packages/reader/src/partial-json/partial-json-parser.ts';
import { random } from './lib/anthropic-stream.ts';

const KIB = 1024;
const SMALL = 256 * KIB;
const LARGE = 8 * SMALL;
const DELTA = 8;
/** Wall-clock budget for one peer on one shape; peers are quadratic, so they run on a prefix. */
const PEER_BUDGET_MS = 4000;

const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
/** Keeps readings alive so no runtime can skip the work; exported so the writes stay observable. */
export let sink: unknown;

// ---- Inputs ----

const codeLines = [
  'export function handler(request: Request): Response {',
  '  const message = "Hello, \\"world\\" — naïve café";',
  '\treturn new Response(`C:\\\\temp\\\\out ${name}`, { status: 200 });',
  '  // 日本語のコメント 😀 and accents: àéîõü ß',
  '  const pattern = /[\\u0000-\\u001f"\\\\]/g;',
  "  if (value === '</script>') throw new Error('bad input');",
  '}',
  '',
];

/** A write-file style input: a path and a large text with newlines, quotes, escapes and unicode. */
function writeFileInput(size: number): { text: string; widest: number } {
  const next = random(1);
  const path = 'src/generated/handler.ts';
  let content = '';
  let length = JSON.stringify({ path, content }).length;
  while (length < size) {
    const line = `${codeLines[Math.floor(next() * codeLines.length)]!} // ${Math.floor(next() * 1e6)}\n`;
    content += line;
    // Count the line as JSON will write it (escapes grow it).
    length += JSON.stringify(line).length - 2;
  }
  return { text: JSON.stringify({ path, content }), widest: 0 };
}

/** A structured input: a few keys and nested arrays of objects (files of 24 symbols, modules of 16 files). */
function structuredInput(size: number): { text: string; widest: number } {
  const next = random(2);
  const word = (): string =>
    ['alpha', 'beta', 'gamma', 'delta', 'résumé', 'naïve', '数据'][Math.floor(next() * 7)]!;
  const modules: Array<{ name: string; files: unknown[] }> = [];
  const document = { title: 'Refactor plan', summary: `Move ${word()} into "${word()}"`, modules };
  let length = JSON.stringify(document).length;
  while (length < size) {
    let module = modules.at(-1);
    if (module === undefined || module.files.length === 16) {
      module = { name: `${word()}-${modules.length}`, files: [] };
      modules.push(module);
      length += JSON.stringify(module).length + 1;
    }
    const file = {
      path: `src/${word()}/${module.files.length}.ts`,
      changed: next() < 0.5,
      symbols: Array.from({ length: 24 }, (_, symbol) => ({
        name: `${word()}_${symbol}`,
        kind: next() < 0.5 ? 'function' : 'class',
        line: Math.floor(next() * 5000),
        score: Math.round(next() * 1e4) / 1e4,
        doc: next() < 0.3 ? `Handles "${word()}"\n\tsee ${word()}` : null,
      })),
    };
    module.files.push(file);
    length += JSON.stringify(file).length + 1;
  }
  return { text: JSON.stringify(document), widest: Math.max(24, modules.length) };
}

/** The text in deltas of `DELTA` code units (never splitting a surrogate pair), after a first `""`. */
function toDeltas(text: string): string[] {
  const deltas = [''];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + DELTA, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    deltas.push(text.slice(at, end));
    at = end;
  }
  return deltas;
}

// ---- Runners: each reads the live value after every delta ----

interface Run {
  /** Deltas processed (all of them unless the budget ran out). */
  count: number;
  ms: number;
  /** Elapsed ms after each processed delta, to fit the peer's cost curve. */
  timeline: number[];
}

function runOurs(deltas: readonly string[], count = deltas.length): number {
  collect();
  const start = performance.now();
  const parser = createPartialJSONParser();
  for (let index = 0; index < count; index++) {
    parser.push(deltas[index]!);
    sink = parser.value;
  }
  if (count === deltas.length) sink = parser.end();
  return performance.now() - start;
}

/** The median of a few runs of ours (fast enough to repeat). */
function timeOurs(deltas: readonly string[], count = deltas.length, repeats = 15): number {
  const times = Array.from({ length: repeats }, () => runOurs(deltas, count)).toSorted((a, b) => a - b);
  return times[Math.floor(repeats / 2)]!;
}

function runSync(deltas: readonly string[], read: (buffer: string) => unknown): Run {
  collect();
  const timeline: number[] = [];
  const start = performance.now();
  let buffer = '';
  let count = 0;
  while (count < deltas.length) {
    buffer += deltas[count]!;
    try {
      sink = read(buffer);
    } catch {
      // partial-json throws for a buffer that holds nothing yet; that is still one read.
    }
    count++;
    const elapsed = performance.now() - start;
    timeline.push(elapsed);
    if (elapsed > PEER_BUDGET_MS) break;
  }
  return { count, ms: timeline.at(-1) ?? 0, timeline };
}

async function runAi(deltas: readonly string[]): Promise<Run> {
  collect();
  const timeline: number[] = [];
  const start = performance.now();
  let buffer = '';
  let count = 0;
  while (count < deltas.length) {
    buffer += deltas[count]!;
    sink = (await parsePartialJson(buffer)).value;
    count++;
    const elapsed = performance.now() - start;
    timeline.push(elapsed);
    if (elapsed > PEER_BUDGET_MS) break;
  }
  return { count, ms: timeline.at(-1) ?? 0, timeline };
}

/** One SSE event as Anthropic frames it: the event name is the data's `type`. */
const event = (data: { type: string; [key: string]: unknown }): string =>
  `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;

/** The SSE bytes of a message whose one tool_use block streams `deltas`, as Anthropic sends them. */
function sseBody(deltas: readonly string[]): Uint8Array {
  const parts = [
    event({
      type: 'message_start',
      message: {
        id: 'msg_bench',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-6',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1 },
      },
    }),
    event({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', id: 'toolu_bench', name: 'write_file', input: {} },
    }),
  ];
  for (const partial_json of deltas) {
    parts.push(
      event({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json } }),
    );
  }
  parts.push(
    event({ type: 'content_block_stop', index: 0 }),
    event({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: deltas.length },
    }),
    event({ type: 'message_stop' }),
  );
  return new TextEncoder().encode(parts.join(''));
}

/** The official SDK's MessageStream with an `inputJson` listener, fed over a no-network `fetch`. */
async function runSdk(deltas: readonly string[], budgetMs = PEER_BUDGET_MS): Promise<Run> {
  const body = sseBody(deltas);
  const client = new Anthropic({
    apiKey: 'bench',
    baseURL: 'http://anthropic.invalid',
    maxRetries: 0,
    fetch: async () => {
      let offset = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          // The SDK keeps handling already-received events after abort(), so the budget is
          // enforced here: once it is spent, the body ends (mid-message), a 16 KiB chunk at a time.
          if (offset >= body.length || performance.now() - start > budgetMs) return controller.close();
          controller.enqueue(body.subarray(offset, offset + 16 * KIB));
          offset += 16 * KIB;
        },
      });
      return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    },
  });
  collect();
  const timeline: number[] = [];
  const start = performance.now();
  const stream = client.messages.stream({
    model: 'claude-sonnet-4-6',
    max_tokens: 64_000,
    messages: [{ role: 'user', content: 'bench' }],
  });
  stream.on('inputJson', (_delta, snapshot) => {
    sink = snapshot;
    timeline.push(performance.now() - start);
  });
  stream.on('error', () => {});
  stream.on('abort', () => {});
  await stream.done().catch(() => {});
  return { count: timeline.length, ms: timeline.at(-1) ?? 0, timeline };
}

// ---- Reporting ----

/**
 * Least-squares fit of t(k) = a·k + c·k² (a, c ≥ 0) to the peer's elapsed time after each of its
 * measured deltas, to extrapolate to a whole stream. Undefined when too little was measured.
 */
function fitCost(run: Run): ((total: number) => number) | undefined {
  if (run.timeline.length < 64) return undefined;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  let kt = 0;
  let k2t = 0;
  run.timeline.forEach((t, index) => {
    const k = index + 1;
    k2 += k * k;
    k3 += k * k * k;
    k4 += k * k * k * k;
    kt += k * t;
    k2t += k * k * t;
  });
  const det = k2 * k4 - k3 * k3;
  let a = (kt * k4 - k2t * k3) / det;
  let c = (k2 * k2t - k3 * kt) / det;
  if (a < 0) [a, c] = [0, k2t / k4];
  if (c < 0) [a, c] = [kt / k2, 0];
  return (total) => a * total + c * total * total;
}

const time = (ms: number): string =>
  ms >= 10_000
    ? `${Math.round(ms / 1000).toLocaleString('en-US')} s`
    : ms >= 1000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const ratio = (value: number): string =>
  `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)}×`;
const count = (value: number): string => value.toLocaleString('en-US');
const size = (chars: number): string => `${(chars / KIB).toFixed(0)} KiB`;

interface Shape {
  name: string;
  make: (size: number) => { text: string; widest: number };
}

const shapes: Shape[] = [
  { name: 'write-file `{"path", "content"}`', make: writeFileInput },
  { name: 'structured: nested arrays of objects', make: structuredInput },
];

const peers: Array<{ name: string; run: (deltas: readonly string[]) => Run | Promise<Run> }> = [
  {
    name: '`partial-json` `parse(buffer)`',
    run: (deltas) => runSync(deltas, (buffer) => partialJsonParse(buffer)),
  },
  { name: '`ai` `parsePartialJson(buffer)`', run: runAi },
  { name: '`@anthropic-ai/sdk` MessageStream `inputJson`', run: runSdk },
];

/** Progress on stderr, so a long run shows where it is without touching the markdown on stdout. */
const log = (message: string): void =>
  void process.stderr.write(`${(performance.now() / 1000).toFixed(1)} s ${message}\n`);

async function main(): Promise<void> {
  // Warm every runner up on a small input so module loading and JIT start-up are not timed.
  const warm = toDeltas(structuredInput(4 * KIB).text);
  log('warm ours');
  timeOurs(warm);
  for (const peer of peers) {
    log(`warm ${peer.name}`);
    await peer.run(warm);
  }

  const lines: string[] = [
    '## Tool input: live partial JSON',
    '',
    `Tool input streamed as \`input_json_delta\` fragments of ${DELTA} characters (after a leading \`""\`), the live value read after every delta. ` +
      `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} cores, shared with other work: expect noise). ` +
      'Command: `node --expose-gc --import tsx --conditions=@chatstream/source bench/tool-input.bench.ts`.',
    '',
    `The peers re-parse the whole buffer on every delta (quadratic), so each runs for a ${PEER_BUDGET_MS / 1000} s budget on a prefix of the same deltas; ` +
      '"ours, same deltas" times ours on exactly that prefix, so **peer / ours** compares measured work and is a lower bound for the full stream. ' +
      '"est. full" fits a·n + c·n² to the peer\'s measured prefix and extrapolates; it is an estimate and is marked so. ' +
      'The SDK is fed the same deltas as SSE `input_json_delta` events through a custom `fetch` (no network); its prefix is bounded by ending the body once the budget is spent, ' +
      'and its time includes its SSE decoding and per-event JSON.parse (linear work). Ours is push + read `value` (+ `end()` on full runs), median of 15 runs (5 at 2 MiB).',
    '',
  ];
  const summary: string[] = [];

  for (const shape of shapes) {
    const { text: smallText, widest: smallWidest } = shape.make(SMALL);
    const { text: largeText, widest: largeWidest } = shape.make(LARGE);
    const small = toDeltas(smallText);
    const large = toDeltas(largeText);

    log(`${shape.name}: check`);
    // Correctness first: ours must end with exactly JSON.parse's value.
    for (const [text, deltas] of [
      [smallText, small],
      [largeText, large],
    ] as const) {
      const parser = createPartialJSONParser();
      for (const delta of deltas) parser.push(delta);
      if (JSON.stringify(parser.end()) !== JSON.stringify(JSON.parse(text)))
        throw new Error(`${shape.name}: wrong value`);
    }

    log(`${shape.name}: ours`);
    const oursSmall = timeOurs(small);
    const oursLarge = timeOurs(large, large.length, 5);
    lines.push(
      `### ${shape.name}`,
      '',
      ...(largeWidest > 0
        ? [
            `Widest array: ${smallWidest} entries at ${size(smallText.length)}, ${largeWidest} at ${size(largeText.length)}.`,
            '',
          ]
        : []),
      '| input | runner | deltas run | time | ours, same deltas | peer / ours | est. full |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
      `| ${size(smallText.length)} | ours: push + read \`value\` | ${count(small.length)} / ${count(small.length)} | ${time(oursSmall)} | — | — | — |`,
    );
    const peerFits: Array<((total: number) => number) | undefined> = [];
    const minRatios: number[] = [];
    for (const peer of peers) {
      log(`${shape.name}: ${peer.name}`);
      const run = await peer.run(small);
      const oursSame = timeOurs(small, run.count);
      const fit = fitCost(run);
      peerFits.push(fit);
      const full = run.count >= small.length ? run.ms : fit?.(small.length);
      minRatios.push(run.ms / oursSame);
      const estimated =
        run.count >= small.length
          ? '(ran in full)'
          : full === undefined
            ? 'n/a'
            : `est. ${time(full)} (est. ${ratio(full / oursSmall)})`;
      lines.push(
        `| ${size(smallText.length)} | ${peer.name} | ${count(run.count)} / ${count(small.length)} | ${time(run.ms)} | ${time(oursSame)} | **${ratio(run.ms / oursSame)}** | ${estimated} |`,
      );
    }
    lines.push(
      `| ${size(largeText.length)} | ours: push + read \`value\` | ${count(large.length)} / ${count(large.length)} | ${time(oursLarge)} | — | — | — |`,
    );
    peers.forEach((peer, index) => {
      const fit = peerFits[index];
      const reason =
        fit === undefined
          ? 'not run: quadratic, too little measured to estimate'
          : `not run: est. ${time(fit(large.length))} from ${size(smallText.length)} scaling`;
      lines.push(`| ${size(largeText.length)} | ${peer.name} | — | ${reason} | — | — | — |`);
    });
    const growth = oursLarge / oursSmall;
    lines.push('');
    summary.push(
      `- ${shape.name}: ours ${size(largeText.length)} / ${size(smallText.length)} = **${growth.toFixed(1)}×** for ${(largeText.length / smallText.length).toFixed(1)}× input (goal ≤ 10: ${growth <= 10 ? 'met' : 'missed'}); ` +
        `at ${size(smallText.length)} the smallest measured peer / ours ratio is **${ratio(Math.min(...minRatios))}**, on the peers' prefixes, so a lower bound (goal ≥ 100×: ${Math.min(...minRatios) >= 100 ? 'met' : 'missed'}).`,
    );
  }

  lines.push('Summary:', '', ...summary, '');
  const markdown = lines.join('\n');
  mkdirSync(new URL('results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('results/tool-input.md', import.meta.url), markdown);
  console.log(markdown);
}

await main();
