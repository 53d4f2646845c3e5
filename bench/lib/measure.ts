// Measurement and reporting shared by the benchmarks: peers run in one process on the same input,
// their results are checked against each other, and the markdown goes to bench/results/<name>.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const exposedGc = (globalThis as { gc?: () => void }).gc;

/** True when node runs with `--expose-gc`, so {@link collectGarbage} really collects. */
export const canCollectGarbage = exposedGc !== undefined;

/** A full garbage collection when node runs with `--expose-gc`; otherwise nothing. */
export function collectGarbage(): void {
  exposedGc?.();
}

/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * One complete run over the input, returning a count or value every peer must agree on (so a
 * contender that skips work is caught).
 */
export type Run<Input, Check extends string | number> = (input: Input) => Check | Promise<Check>;

/** A named {@link Run}. */
export type Contender<Input, Check extends string | number> = readonly [name: string, run: Run<Input, Check>];

/** How {@link measure} runs the contenders. */
export interface MeasureOptions<Check extends string | number> {
  /** Timed rounds; each contender runs once per round. */
  rounds: number;
  /** Untimed rounds first, so every contender is compiled and warm. */
  warmupRounds: number;
  /** What a check value counts, for error messages (`"events"` → "produced 12 events"). */
  unit?: string;
  /**
   * The check value every run must produce, when the caller has already established it (and
   * warmed the contenders up doing so); skips the untimed pass that otherwise establishes it.
   */
  expected?: Check;
}

/** Each contender's wall-clock times in milliseconds over the timed rounds, in round order. */
export type Rounds = ReadonlyMap<string, readonly number[]>;

/**
 * Checks that every contender yields the first one's check value (unless `options.expected`
 * gives it), then runs them all for `warmupRounds + rounds` rounds (the order rotates each
 * round; a full GC before each run) and returns every contender's times over the timed rounds.
 * Throws if any run's check value differs.
 */
export async function measure<Input, Check extends string | number>(
  contenders: readonly Contender<Input, Check>[],
  input: Input,
  options: MeasureOptions<Check>,
): Promise<Rounds> {
  const [first] = contenders;
  if (!first) throw new Error('measure() needs at least one contender');
  const [firstName, firstRun] = first;
  const unit = options.unit === undefined ? '' : ` ${options.unit}`;
  let expected = options.expected;
  if (expected === undefined) {
    expected = await firstRun(input);
    for (const [name, run] of contenders) {
      const value = await run(input);
      if (value !== expected) throw new Error(`${name} produced ${value}${unit}, ${firstName} ${expected}`);
    }
  }
  const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    // Rotate the order each round so no contender always runs right after the same neighbour.
    for (let k = 0; k < contenders.length; k++) {
      const [name, run] = contenders[(round + k) % contenders.length] as Contender<Input, Check>;
      collectGarbage();
      const start = performance.now();
      const value = await run(input);
      const elapsed = performance.now() - start;
      if (value !== expected) throw new Error(`${name} produced ${value}${unit}, expected ${expected}`);
      if (round >= options.warmupRounds) times.get(name)?.push(elapsed);
    }
  }
  return times;
}

/** Each contender's median time in milliseconds. */
export function medians(rounds: Rounds): Map<string, number> {
  return new Map([...rounds].map(([name, times]) => [name, median(times)]));
}

/**
 * How many times faster `fast` ran than `slow`: the median over rounds of `slow`'s time divided by
 * `fast`'s time in the same round. Pairing runs of one round (seconds apart) keeps the ratio steady
 * when the machine speeds up or slows down between rounds, which a ratio of medians does not.
 */
export function speedup(rounds: Rounds, fast: string, slow: string): number {
  const fastTimes = rounds.get(fast) ?? [];
  const slowTimes = rounds.get(slow) ?? [];
  return median(fastTimes.map((time, round) => (slowTimes[round] ?? Number.NaN) / time));
}

/** Megabytes (10⁶ bytes) per second for each median time in `times` (milliseconds) over `bytes`. */
export function throughput(times: ReadonlyMap<string, number>, bytes: number): Map<string, number> {
  const rates = new Map<string, number>();
  for (const [name, ms] of times) rates.set(name, bytes / 1e6 / (ms / 1000));
  return rates;
}

/** A rate such as MB/s, rounded to a whole number. */
export const formatRate = (value: number): string => value.toFixed(0);

/** A ratio with two decimals: `1.72×`. */
export const formatRatio = (value: number): string => `${value.toFixed(2)}×`;

/** Bytes in MiB with `digits` decimals (no unit). */
export const formatMiB = (bytes: number, digits = 1): string => (bytes / 1048576).toFixed(digits);

/** A chunk size for a table: `64 KiB`, `512 B`. */
export function chunkLabel(size: number): string {
  return size >= 1024 ? `${size / 1024} KiB` : `${size} B`;
}

const tableLine = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** A markdown table: the first column left-aligned, the others right-aligned (numbers). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const alignment = header.map((_, column) => (column === 0 ? '---' : '---:'));
  return [tableLine(header), tableLine(alignment), ...rows.map(tableLine)];
}

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));

/**
 * Writes `lines` as `bench/results/<name>.md` (where the runner gathers them into RESULTS.md)
 * and prints the markdown. Returns it.
 */
export function writeResult(name: string, lines: readonly string[]): string {
  const markdown = `${lines.join('\n')}\n`;
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${resultsDir}${name}.md`, markdown);
  console.log(`\n${markdown}`);
  return markdown;
}

/** Seconds since `started` (a `performance.now()` reading), as `(12.3 s)`. */
export function formatElapsed(started: number): string {
  return `(${((performance.now() - started) / 1000).toFixed(1)} s)`;
}
