// Streaming markdown: per-token cost of our incremental renderer (`@chatstream/ui/markdown`
// `<Markdown streaming>`) when the message is already 10 KB vs 200 KB long, against a naive
// baseline that hands the whole text to marked on every token.
// Run: node --expose-gc --import tsx --conditions=@chatstream/source bench/markdown.bench.ts
//   (or pnpm exec tsx --conditions=@chatstream/source bench/markdown.bench.ts)
// First: it selects React's production builds and installs the jsdom globals before React loads.
// oxlint-disable-next-line import/no-unassigned-import
import './lib/dom-env.ts';
import { loadavg } from 'node:os';
import { Lexer, marked } from 'marked';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { lexMarkdown, Markdown, type MarkdownLexState } from '../packages/ui/src/markdown/index.ts';
import { markdownDeltas, markdownDocument } from './lib/markdown-input.ts';
import { type ChromiumMarkdownCase, runMarkdownInChromium } from './lib/markdown-chromium/run-in-chromium.ts';
import { DELTA_SEED, DOCUMENT_SEED } from './lib/markdown-chromium/shared.ts';
import {
  canCollectGarbage,
  collectGarbage,
  formatElapsed,
  formatRatio,
  markdownTable,
  median,
  writeResult,
} from './lib/measure.ts';

const KB = 1000;
const SIZES = [10 * KB, 200 * KB] as const;
/** Tokens appended after the prefix, per run (our contenders). */
const TOKENS = 2000;
/** The naive baselines are O(length) per token: fewer tokens keep a run short; per-token figures compare. */
const NAIVE_TOKENS = 100;
/** Remounting the whole rendered message in jsdom costs tens of ms per token at 200 KB. */
const REMOUNT_TOKENS = 10;
const ROUNDS = Number(process.env['ROUNDS'] ?? 5);
/** Tokens between untimed full GCs (needs `--expose-gc`). */
const GC_EVERY = 100;
const WARMUP_ROUNDS = 1;

// ---- contenders ----------------------------------------------------------------------------------

interface Input {
  prefix: string;
  deltas: readonly string[];
}

/** A contender: `prepare` runs untimed (mounting the prefix), `step` once per token (timed). */
interface Contender {
  name: string;
  tokens: number;
  prepare: (prefix: string) => { step: (text: string) => void; done: () => number };
}

const reactContender = (name: string, naive: boolean): Contender => ({
  name,
  tokens: naive ? REMOUNT_TOKENS : TOKENS,
  prepare() {
    const container = document.createElement('div');
    const root = createRoot(container);
    let key = 0;
    return {
      step(text) {
        // The naive variant remounts the renderer each token: a full lex and a full render of every block.
        flushSync(() =>
          root.render(createElement(Markdown, { key: naive ? key++ : 0, text, streaming: true })),
        );
      },
      done() {
        const length = container.textContent?.length ?? 0;
        root.unmount();
        return length > 0 ? 1 : 0;
      },
    };
  },
});

const only = process.env['ONLY'];
const allContenders: Contender[] = [
  reactContender('ours: `<Markdown streaming>` (react-dom, jsdom)', false),
  {
    name: 'ours: `lexMarkdown` only (incremental lex, no React)',
    tokens: TOKENS,
    prepare() {
      let state: MarkdownLexState | undefined;
      return {
        step(text) {
          state = lexMarkdown(state, text);
        },
        done: () => (state !== undefined && state.source.length > 0 ? 1 : 0),
      };
    },
  },
  {
    name: 'naive: `marked.parse(whole text)` (HTML string, no DOM)',
    tokens: NAIVE_TOKENS,
    prepare() {
      let html = '';
      return {
        step(text) {
          html = marked.parse(text, { async: false });
        },
        done: () => (html.length > 0 ? 1 : 0),
      };
    },
  },
  {
    name: 'naive: `Lexer.lex(whole text)` (tokens only)',
    tokens: NAIVE_TOKENS,
    prepare() {
      let count = 0;
      return {
        step(text) {
          count = Lexer.lex(text).length;
        },
        done: () => (count > 0 ? 1 : 0),
      };
    },
  },
  reactContender('naive: whole text lexed and rendered to React each token (jsdom)', true),
];
const contenders = only
  ? allContenders.filter((contender) => contender.name.startsWith(only))
  : allContenders;

/**
 * `text += delta` makes a V8 cons string that the first read copies into a flat one: O(length) per
 * token for whoever reads it first (the reader's accumulation pays it in a real app, at most once
 * per frame with batching). Measured on its own row, not inside the contenders' timings.
 */
function flatten(text: string): void {
  text.charCodeAt(0);
}

/**
 * One run: mount the prefix (untimed), then append `tokens` deltas; returns µs per token. Each step
 * gets `whole.slice(0, length)`: the text so far, flat, without a copy. (Accumulating `text += delta`
 * and flattening it per token left a dead 200 KB copy in large-object space per token; the major
 * GCs that garbage set off landed in the timed steps and grew with the length, an artefact of
 * rendering every token, which a batched app does once per frame.)
 */
function run(contender: Contender, input: Input): number {
  const prepared = contender.prepare(input.prefix);
  const whole = input.prefix + input.deltas.slice(0, contender.tokens).join('');
  flatten(whole);
  let length = input.prefix.length;
  prepared.step(input.prefix);
  let elapsed = 0;
  for (let index = 0; index < contender.tokens; index++) {
    length += (input.deltas[index] as string).length;
    const text = whole.slice(0, length);
    if (index % GC_EVERY === 0) collectGarbage();
    const start = performance.now();
    prepared.step(text);
    elapsed += performance.now() - start;
  }
  if (prepared.done() !== 1) throw new Error(`${contender.name}: rendered nothing`);
  return (elapsed * 1000) / contender.tokens;
}

/** The untimed part of {@link run} alone: `text += delta` and its first read, µs per token. */
function accumulationCost(input: Input): number {
  let text = input.prefix;
  flatten(text);
  const start = performance.now();
  for (let index = 0; index < TOKENS; index++) {
    text += input.deltas[index] as string;
    flatten(text);
  }
  return ((performance.now() - start) * 1000) / TOKENS;
}

// ---- main ----------------------------------------------------------------------------------------

const started = performance.now();
const loadBefore = loadavg()
  .map((value) => value.toFixed(1))
  .join(' / ');
const inputs = new Map<number, Input>(
  SIZES.map((size) => [
    size,
    { prefix: markdownDocument(size, DOCUMENT_SEED), deltas: markdownDeltas(TOKENS, DELTA_SEED) },
  ]),
);
const times = new Map<string, number[]>();
for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
  for (let k = 0; k < contenders.length; k++) {
    const contender = contenders[(round + k) % contenders.length] as Contender;
    for (const size of round % 2 === 0 ? SIZES : SIZES.toReversed()) {
      (globalThis as { gc?: () => void }).gc?.();
      const perToken = run(contender, inputs.get(size) as Input);
      if (process.env['VERBOSE'])
        console.log(
          `  ${contender.name} @ ${size}: ${perToken.toFixed(1)} µs/token ${formatElapsed(started)}`,
        );
      if (round >= WARMUP_ROUNDS) {
        const key = `${contender.name}@${size}`;
        times.set(key, [...(times.get(key) ?? []), perToken]);
      }
    }
  }
  console.log(`round ${round + 1}/${WARMUP_ROUNDS + ROUNDS} ${formatElapsed(started)}`);
}

// The same input in real Chromium: what users' browsers pay, layout included in one variant.
const chromiumRows: { name: string; tokens: number; contender: ChromiumMarkdownCase['contender'] }[] = [
  { name: 'ours: `<Markdown streaming>` in **Chromium** (render + DOM)', tokens: TOKENS, contender: 'ours' },
  {
    name: 'ours: `<Markdown streaming>` in **Chromium**, plus a forced layout per token',
    tokens: TOKENS,
    contender: 'ours-layout',
  },
  {
    name: 'naive: `marked.parse(whole text)` into `innerHTML` in **Chromium**',
    tokens: NAIVE_TOKENS,
    contender: 'naive-html',
  },
];
const chromiumRun = await runMarkdownInChromium(
  chromiumRows.flatMap(({ name, tokens, contender }) =>
    SIZES.map((size) => ({ key: `${name}@${size}`, contender, size, tokens })),
  ),
  {
    rounds: ROUNDS,
    warmup: WARMUP_ROUNDS,
    onRound: (round) =>
      console.log(`chromium round ${round + 1}/${WARMUP_ROUNDS + ROUNDS} ${formatElapsed(started)}`),
  },
);
for (const [key, values] of chromiumRun.times) times.set(key, values);

const loadAfter = loadavg()
  .map((value) => value.toFixed(1))
  .join(' / ');

const fmt = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const rows = [...contenders, ...chromiumRows].map((contender) => {
  const small = times.get(`${contender.name}@${SIZES[0]}`) ?? [];
  const large = times.get(`${contender.name}@${SIZES[1]}`) ?? [];
  const ratio = median(large) / median(small);
  const fastest = Math.min(...large) / Math.min(...small);
  return [
    contender.name,
    String(contender.tokens),
    `${fmt(median(small))} (${fmt(Math.min(...small))}–${fmt(Math.max(...small))})`,
    `${fmt(median(large))} (${fmt(Math.min(...large))}–${fmt(Math.max(...large))})`,
    formatRatio(ratio),
    formatRatio(fastest),
  ];
});
const accumulation = SIZES.map((size) =>
  median(Array.from({ length: ROUNDS }, () => accumulationCost(inputs.get(size) as Input))),
);
rows.push([
  '(not a contender) `text += delta` + first read (string flatten), per token',
  String(TOKENS),
  fmt(accumulation[0] as number),
  fmt(accumulation[1] as number),
  formatRatio((accumulation[1] as number) / (accumulation[0] as number)),
  '',
]);
const ours = rows[0] as string[];
const ratioOf = (name: string | undefined): string => rows.find((row) => row[0] === name)?.[4] ?? '—';

writeResult('markdown', [
  '## Streaming markdown',
  '',
  `Per-token cost of appending to a markdown message that is already 10 KB or 200 KB long (goal for ours: 200 KB ≤ 1.5× 10 KB). Input: seeded assistant-style markdown (headings, paragraphs with bold / code / links, lists, \`ts\` code fences, tables); the prefix is mounted untimed, then deltas of 1–8 characters of more such markdown are appended one at a time and rendered synchronously (\`flushSync\`) after each. **ours**: \`<Markdown text streaming>\` from \`@chatstream/ui/markdown\` rendered by \`react-dom/client\` 19 (production build) into a **jsdom** document (no layout or paint), and its lexer alone (\`lexMarkdown\`: completed blocks kept, only the last block lexed again). **naive**: the whole text through marked on every token, as an HTML string (\`marked.parse\`, no DOM: a lower bound for the usual \`dangerouslySetInnerHTML\` approach), as tokens (\`Lexer.lex\`), and lexed and rendered to React from scratch (our renderer remounted each token). The **Chromium** rows run the same input in headless Chromium (${chromiumRun.version}; the page bundled by Vite with React's production builds and the parts' stylesheet, a fresh tab per run): ours rendered the same way, once more followed by a forced layout per token (a browser lays out once per frame; this shows how layout grows with the document), and the usual naive approach, the whole text through \`marked.parse\` into \`innerHTML\` per token; there each stretch of ${GC_EVERY} tokens is timed as a whole (the page's clock is coarse). Ours append ${TOKENS.toLocaleString('en')} tokens per run, the naive string and token baselines ${NAIVE_TOKENS}, the naive React remount ${REMOUNT_TOKENS} (their per-token cost grows with the length, not with the count). Each step gets the text so far as a slice of one flat string (no copy: accumulating with \`text += delta\` and flattening per token left a dead copy of the whole text per token, whose GCs landed in the timed steps and grew with the length, an artefact of rendering every token; that accumulation is measured on the last row), and a full GC runs untimed every ${GC_EVERY} tokens${canCollectGarbage ? '' : ' (not in this run: no `--expose-gc`)'}. Figures are µs per token: median of ${ROUNDS} runs after ${WARMUP_ROUNDS} warm-up round(s), min–max in brackets; "ratio of fastest" divides the fastest runs. The machine is shared (2 cores; load average ${loadBefore} at the start, ${loadAfter} at the end), so single figures move by tens of per cent between runs; node ${process.version}.`,
  '',
  ...markdownTable(
    [
      'contender',
      'tokens per run',
      'µs/token at 10 KB',
      'µs/token at 200 KB',
      'ratio 200 KB / 10 KB',
      'ratio of fastest',
    ],
    rows,
  ),
  '',
  `Ours, 200 KB / 10 KB per-token ratio (goal ≤ 1.50×): jsdom ${ours[4]} (fastest runs ${ours[5]}); Chromium ${ratioOf(chromiumRows[0]?.name)}, with a layout per token ${ratioOf(chromiumRows[1]?.name)}.`,
]);
