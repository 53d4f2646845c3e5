// Adversarial markdown: a full lex by `@chatstream/ui/markdown` (`lexMarkdown`, marked 18 through our
// linear lexer) against plain marked (`new Lexer({ gfm: true }).lex`) on paragraphs a prompt
// injection can make a model write, on which marked's own lexer is quadratic, and on realistic
// markdown, where ours must keep up with marked. Reports times, ratios and growth with size; never
// asserts a timing.
// Run: pnpm bench markdown-adversarial
//   (or node --expose-gc --import tsx --conditions=@chatstream/source bench/markdown-adversarial.bench.ts)
// ROUNDS=<n> changes the timed rounds of the adversarial inputs (default 3).
import { loadavg } from 'node:os';
import { Lexer } from 'marked';
import { allTokens, lexMarkdown, type MarkdownLexState } from '../packages/ui/src/markdown/index.ts';
import { DOCUMENT_SEED } from './lib/markdown-chromium/shared.ts';
import { markdownDocument } from './lib/markdown-input.ts';
import {
  canCollectGarbage,
  collectGarbage,
  formatElapsed,
  formatRatio,
  markdownTable,
  median,
  speedup,
  writeResult,
} from './lib/measure.ts';

const KB = 1000;
/** Adversarial sizes: the peer always runs at the first; ours at the first and the last. */
const SMALL = 16 * KB;
const MIDDLE = 32 * KB;
const LARGE = 64 * KB;
/** Realistic sizes. */
const REALISTIC_SIZES = [64 * KB, 256 * KB] as const;
const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const WARMUP_ROUNDS = 1;
/** Ours takes tens of ms and jitters by as much on this shared machine: more rounds, ours alone. */
const OURS_EXTRA_ROUNDS = 4;
/** Realistic runs take milliseconds and their ratio is near 1: more rounds keep it steady. */
const REALISTIC_ROUNDS = 11;
const REALISTIC_WARMUP_ROUNDS = 2;
/** The peer is not run at a size where one run, projected as quadratic, would take longer. */
const PEER_RUN_LIMIT_MS = 20_000;
/** Where the nested case is compared with marked, which throws on it at 16 KB. */
const NESTED_COMPARE_SIZE = 4 * KB;

const OURS = 'ours';
const OURS_MATH = 'ours, math on';
const PEER = 'marked';

// ---- inputs --------------------------------------------------------------------------------------

/** `unit` repeated to `bytes` characters: one paragraph. */
const repeated =
  (unit: string) =>
  (bytes: number): string =>
    unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

/** `_a _a … a_ a_`: emphasis nested `bytes / 6` deep, closed at the end. */
function nested(bytes: number): string {
  const depth = Math.floor(bytes / 6);
  return '_a '.repeat(depth) + 'a_ '.repeat(depth);
}

interface AdversarialInput {
  label: string;
  make: (bytes: number) => string;
}

const adversarial: AdversarialInput[] = [
  { label: '`_a` repeated (unclosed `_` emphasis)', make: repeated('_a') },
  { label: '`*a` repeated (unclosed `*` emphasis)', make: repeated('*a') },
  { label: '`1"_` repeated (openers after punctuation)', make: repeated('1"_') },
  { label: '`~h=!_(` repeated (strike-through openers)', make: repeated('~h=!_(') },
  { label: '`**a_` repeated (a strong opener the text rule splits)', make: repeated('**a_') },
  { label: "`'_a ' × n + 'a_ ' × n` (emphasis n deep)", make: nested },
];

// ---- contenders ----------------------------------------------------------------------------------

/** One run's outcome: its tokens (untimed to collect), or the error it threw. */
type Outcome = { tokens: unknown[] } | { error: Error };

interface Contender {
  name: string;
  /** Timed; returns what turns the result into tokens untimed. */
  run: (text: string) => () => unknown[];
}

const ourContender = (name: string, math: boolean): Contender => ({
  name,
  run(text) {
    const state: MarkdownLexState = lexMarkdown(undefined, text, math);
    return () => allTokens(state);
  },
});

const peerContender: Contender = {
  name: PEER,
  run(text) {
    const tokens = new Lexer({ gfm: true }).lex(text);
    return () => [...tokens];
  },
};

const ours = [ourContender(OURS, false), ourContender(OURS_MATH, true)];

interface Measured {
  /** Timed rounds, in round order. */
  times: number[];
  /** The last run's outcome. */
  outcome: Outcome;
}

/**
 * Runs `contenders` on `text` for `warmup + rounds` rounds (the order rotates each round, a full GC
 * before each run). A contender that throws is recorded with its time to the throw and not run again.
 * `skipWarmup` names contenders that run only in the timed rounds.
 */
function measureText(
  contenders: readonly Contender[],
  text: string,
  rounds: number,
  warmup: number,
  skipWarmup: ReadonlySet<string> = new Set(),
): Map<string, Measured> {
  const results = new Map<string, Measured>();
  for (let round = 0; round < warmup + rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const contender = contenders[(round + k) % contenders.length] as Contender;
      const previous = results.get(contender.name);
      if (previous !== undefined && 'error' in previous.outcome) continue;
      if (round < warmup && skipWarmup.has(contender.name)) continue;
      collectGarbage();
      const start = performance.now();
      let outcome: Outcome;
      try {
        const tokens = contender.run(text);
        const elapsed = performance.now() - start;
        outcome = { tokens: tokens() };
        const times = previous?.times ?? [];
        if (round >= warmup) times.push(elapsed);
        results.set(contender.name, { times, outcome });
      } catch (error) {
        const elapsed = performance.now() - start;
        outcome = { error: error instanceof Error ? error : new Error(String(error)) };
        results.set(contender.name, { times: [elapsed], outcome });
      }
    }
  }
  return results;
}

/** {@link measureText} with all `contenders`, then {@link OURS_EXTRA_ROUNDS} more rounds of ours alone. */
function measureAll(
  contenders: readonly Contender[],
  text: string,
  skipWarmup?: ReadonlySet<string>,
): Map<string, Measured> {
  const results = measureText(contenders, text, ROUNDS, WARMUP_ROUNDS, skipWarmup);
  const extra = measureText(ours, text, OURS_EXTRA_ROUNDS, 0);
  for (const [name, measured] of extra) results.get(name)?.times.push(...measured.times);
  return results;
}

const sameTokens = (a: Outcome | undefined, b: Outcome | undefined): boolean | undefined =>
  a === undefined || b === undefined || 'error' in a || 'error' in b
    ? undefined
    : JSON.stringify(a.tokens) === JSON.stringify(b.tokens);

// ---- formatting ----------------------------------------------------------------------------------

const fmtMs = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const sizeLabel = (bytes: number): string => `${bytes / KB} KB`;

/** Median time of a contender, or what happened instead. */
function timeCell(measured: Measured | undefined, skipped?: string): string {
  if (measured === undefined) return skipped ?? '—';
  if ('error' in measured.outcome)
    return `threw ${measured.outcome.error.name} (after ${fmtMs(measured.times[0] ?? Number.NaN)} ms)`;
  return fmtMs(median(measured.times));
}

const medianOf = (measured: Measured | undefined): number | undefined =>
  measured === undefined || 'error' in measured.outcome ? undefined : median(measured.times);

/** `large / small` as a ratio with the exponent k of time ∝ size^k. */
function growthCell(
  small: Measured | undefined,
  large: Measured | undefined,
  smallSize: number,
  largeSize: number,
): string {
  const a = medianOf(small);
  const b = medianOf(large);
  if (a === undefined || b === undefined) return '—';
  const k = Math.log(b / a) / Math.log(largeSize / smallSize);
  return `${formatRatio(b / a)} (${largeSize / KB}/${smallSize / KB} KB, k ≈ ${k.toFixed(1)})`;
}

function ratioCell(results: Map<string, Measured>): string {
  const our = results.get(OURS);
  const peer = results.get(PEER);
  if (medianOf(our) === undefined || medianOf(peer) === undefined) return '—';
  const peerTimes = peer?.times ?? [];
  // Paired over the rounds both ran (ours' extra rounds come after).
  return formatRatio(
    speedup(
      new Map([
        [OURS, (our?.times ?? []).slice(0, peerTimes.length)],
        [PEER, peerTimes],
      ]),
      OURS,
      PEER,
    ),
  );
}

function equalCell(results: Map<string, Measured>): string {
  const same = sameTokens(results.get(OURS)?.outcome, results.get(PEER)?.outcome);
  return same === undefined ? '—' : same ? 'yes' : '**no**';
}

// ---- main ----------------------------------------------------------------------------------------

const started = performance.now();
const loadBefore = loadavg()
  .map((value) => value.toFixed(1))
  .join(' / ');
const rows: string[][] = [];
const notes: string[] = [];

for (const input of adversarial) {
  const bySize = new Map<number, Map<string, Measured>>();
  const skippedPeer = new Map<number, string>();
  const small = measureAll([...ours, peerContender], input.make(SMALL));
  bySize.set(SMALL, small);
  console.log(`${input.label} @ ${sizeLabel(SMALL)} ${formatElapsed(started)}`);

  // Where the peer runs beyond 16 KB: 64 KB when one run there, projected as quadratic from 16 KB,
  // stays under the limit; else 32 KB when that does; else nowhere. Never after it threw.
  const peerSmall = small.get(PEER);
  const peerSmallMs = medianOf(peerSmall);
  let peerSize: number | undefined;
  if (peerSmallMs === undefined) {
    skippedPeer.set(LARGE, 'not run (threw at 16 KB)');
  } else if (peerSmallMs * (LARGE / SMALL) ** 2 <= PEER_RUN_LIMIT_MS) {
    peerSize = LARGE;
  } else {
    skippedPeer.set(
      LARGE,
      `not run (≈ ${((peerSmallMs * (LARGE / SMALL) ** 2) / 1000).toFixed(0)} s projected)`,
    );
    if (peerSmallMs * (MIDDLE / SMALL) ** 2 <= PEER_RUN_LIMIT_MS) peerSize = MIDDLE;
  }
  const sizes = peerSize === MIDDLE ? [MIDDLE, LARGE] : [LARGE];
  for (const size of sizes) {
    const contenders = size === peerSize ? [...ours, peerContender] : ours;
    // marked's code is warm from the 16 KB rounds; a run here takes seconds, so no warm-up run.
    bySize.set(size, measureAll(contenders, input.make(size), new Set([PEER])));
    console.log(`${input.label} @ ${sizeLabel(size)} ${formatElapsed(started)}`);
  }

  for (const [size, results] of bySize) {
    const growthOurs = size === SMALL ? '' : growthCell(small.get(OURS), results.get(OURS), SMALL, size);
    const growthPeer = size === SMALL ? '' : growthCell(peerSmall, results.get(PEER), SMALL, size);
    rows.push([
      size === SMALL ? input.label : '',
      sizeLabel(size),
      timeCell(results.get(OURS)),
      timeCell(results.get(OURS_MATH)),
      timeCell(results.get(PEER), skippedPeer.get(size) ?? 'not run'),
      ratioCell(results),
      growthOurs,
      growthPeer,
      equalCell(results),
    ]);
  }

  if (input.make === nested) {
    // marked throws at 16 KB; compare where it can still read the paragraph.
    const text = nested(NESTED_COMPARE_SIZE);
    const compared = measureText([ours[0] as Contender, peerContender], text, 1, 0);
    const same = sameTokens(compared.get(OURS)?.outcome, compared.get(PEER)?.outcome);
    notes.push(
      `Nested emphasis at ${sizeLabel(NESTED_COMPARE_SIZE)} (${Math.floor(NESTED_COMPARE_SIZE / 6)} deep, where marked does not throw): tokens ${same === undefined ? 'not compared (a contender threw)' : same ? 'equal' : 'differ (expected: past 32 levels ours leaves the delimiters as text)'}.`,
    );
  }
}

const realisticLabel = 'realistic (`markdownDocument`)';
const realistic = REALISTIC_SIZES.map((size) => {
  const results = measureText(
    [...ours, peerContender],
    markdownDocument(size, DOCUMENT_SEED),
    REALISTIC_ROUNDS,
    REALISTIC_WARMUP_ROUNDS,
  );
  console.log(`${realisticLabel} @ ${sizeLabel(size)} ${formatElapsed(started)}`);
  return results;
});
const [realisticSmallSize, realisticLargeSize] = REALISTIC_SIZES;
realistic.forEach((results, index) => {
  const size = REALISTIC_SIZES[index] as number;
  const first = realistic[0];
  rows.push([
    index === 0 ? realisticLabel : '',
    sizeLabel(size),
    timeCell(results.get(OURS)),
    timeCell(results.get(OURS_MATH)),
    timeCell(results.get(PEER)),
    ratioCell(results),
    index === 0 ? '' : growthCell(first?.get(OURS), results.get(OURS), realisticSmallSize, size),
    index === 0 ? '' : growthCell(first?.get(PEER), results.get(PEER), realisticSmallSize, size),
    equalCell(results),
  ]);
});
const realisticEqual = realistic.every(
  (results) => sameTokens(results.get(OURS)?.outcome, results.get(PEER)?.outcome) === true,
);
const realisticMathEqual = realistic.every(
  (results) => sameTokens(results.get(OURS_MATH)?.outcome, results.get(PEER)?.outcome) === true,
);

const loadAfter = loadavg()
  .map((value) => value.toFixed(1))
  .join(' / ');

writeResult('markdown-adversarial', [
  '## Adversarial markdown',
  '',
  `Time to lex one text in full. **ours**: \`lexMarkdown(undefined, text)\` from \`@chatstream/ui/markdown\` (a fresh state, so the whole text is lexed: marked 18 through our linear lexer, \`lexSafely\`), with math off and on; **marked**: \`new Lexer({ gfm: true }).lex(text)\`, the peer, in the same process on the same text. The adversarial inputs are one paragraph each, the kind a prompt injection can make a model write: a unit repeated to the size, and emphasis nested n = size / 6 deep and closed at the end. The realistic input is seeded assistant markdown (\`markdownDocument\`: headings, paragraphs, lists, code fences, tables), ${sizeLabel(realisticSmallSize)} and ${sizeLabel(realisticLargeSize)}. Figures are median ms of ${ROUNDS} runs after ${WARMUP_ROUNDS} warm-up round, ours then running ${OURS_EXTRA_ROUNDS} more rounds alone (its median is over ${ROUNDS + OURS_EXTRA_ROUNDS} runs: tens of ms jitter by as much here); realistic: ${REALISTIC_ROUNDS} runs after ${REALISTIC_WARMUP_ROUNDS} warm-up rounds. The order rotates each round, with a full GC before each run${canCollectGarbage ? '' : ' (not in this run: no `--expose-gc`)'}. "marked / ours" is the median over the rounds both ran of marked's time divided by ours (math off) in the same round. Growth is the time at the larger size divided by the time at the smaller (16 KB; realistic ${sizeLabel(realisticSmallSize)}), with k of time ∝ size^k: k ≈ 1 is linear (×4 over 4× the size), k ≈ 2 quadratic (×16). The peer runs at 64 KB only when one run there, projected as quadratic from its 16 KB median, stays under ${PEER_RUN_LIMIT_MS / 1000} s; otherwise at 32 KB (ours too, for the ratio) when that does, its growth then being 32 KB / 16 KB (k is comparable across sizes). Beyond 16 KB marked runs no warm-up round (its code is warm from the 16 KB rounds, and a run takes seconds). A contender that throws is shown with its time to the throw and not run again on that input or larger. "same tokens": ours (math off) and marked's tokens compared as JSON, where both ran. The machine is shared (2 cores; load average ${loadBefore} at the start, ${loadAfter} at the end); node ${process.version}.`,
  '',
  ...markdownTable(
    [
      'input',
      'size',
      'ours ms',
      'ours, math on, ms',
      'marked ms',
      'marked / ours',
      'growth ours',
      'growth marked',
      'same tokens',
    ],
    rows,
  ),
  '',
  `Realistic input: ours and marked produce ${realisticEqual ? 'equal' : '**different**'} tokens at ${REALISTIC_SIZES.map(sizeLabel).join(' and ')} (JSON.stringify); with math on, ${realisticMathEqual ? 'equal too' : 'they differ'}.`,
  '',
  ...notes,
]);
console.log(`done ${formatElapsed(started)}`);
