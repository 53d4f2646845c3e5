// <ChatStream> against `@ai-sdk/react` `useChat` in real headless Chromium: a 20,000-token answer at
// full speed below 500 prior messages. The page is bundled with Vite (production React), served from
// 127.0.0.1 and driven with Playwright; the page counts commits, frames, row renders and long tasks,
// and CDP's Performance domain gives the scripting time.
// Run: node --import tsx --conditions=@chatstream/source bench/ui-chromium.bench.ts
import { loadavg } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';
import { buildPage } from './lib/ui-chromium/build-page.ts';
import { answerDeltas } from './lib/ui-chromium/page/data.ts';
import {
  APP_NAMES,
  type AppName,
  DELTAS,
  type PageApi,
  type PageRun,
  PRIOR_MESSAGES,
} from './lib/ui-chromium/shared.ts';
import { serveStatic } from './lib/ui-chromium/static-server.ts';
import { formatElapsed, formatRatio, markdownTable, median } from './lib/measure.ts';
import { writeResult } from './lib/measure.ts';

/** Timed runs per app (fewer when the time budget runs out, never fewer than {@link MIN_ROUNDS}). */
const ROUNDS = Number(process.env['UI_BENCH_ROUNDS'] ?? 5);
const MIN_ROUNDS = Math.min(3, ROUNDS);
/** Stop starting new rounds after this long (ms), so the whole bench stays well under 3 minutes. */
const ROUND_BUDGET_MS = 110_000;
/** Give up entirely after this long (ms). */
const HARD_LIMIT_MS = Number(process.env['UI_BENCH_LIMIT_MS'] ?? 170_000);
/**
 * `UI_BENCH_APPS=chatstream,ai-sdk-objects` runs only those apps, for quicker A/B comparisons while
 * working on one side; such a run prints its table and leaves the results file alone.
 */
const APPS: readonly AppName[] = process.env['UI_BENCH_APPS']
  ? APP_NAMES.filter((app) => process.env['UI_BENCH_APPS']?.split(',').includes(app))
  : APP_NAMES;

const LABELS: Record<AppName, string> = {
  chatstream: '`<ChatStream chat={session} />` (throttle `frame`)',
  'chatstream-smooth': 'the same, revealed at an even pace (`renderText={smoothRenderText()}`)',
  'ai-sdk-objects': '`useChat`, chunk objects (custom `ChatTransport`), `experimental_throttle: 16`',
  'ai-sdk-sse': '`useChat`, SSE bytes (`DefaultChatTransport` + `fetch`), `experimental_throttle: 16`',
};

/** One run: what the page counted and what CDP timed. */
interface Run extends PageRun {
  scriptMs: number;
  taskMs: number;
  layoutMs: number;
  styleMs: number;
}

type Metrics = Record<string, number>;

async function metrics(page: Page): Promise<{ read: () => Promise<Metrics> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return {
    read: async () => {
      const { metrics: list } = await cdp.send('Performance.getMetrics');
      return Object.fromEntries(list.map(({ name, value }) => [name, value]));
    },
  };
}

/**
 * With `UI_BENCH_PROFILE=<dir>`, a V8 CPU profile of each run is written there (`<app>-<n>.cpuprofile`,
 * for DevTools), to see where the scripting time goes. The profiler's own cost shows in the figures.
 */
async function startProfile(page: Page): Promise<{ stop: (app: AppName) => Promise<void> } | undefined> {
  const dir = process.env['UI_BENCH_PROFILE'];
  if (!dir) return undefined;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return {
    stop: async (app) => {
      const { profile } = await cdp.send('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${app}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    },
  };
}

const seconds = (after: Metrics, before: Metrics, name: string): number =>
  ((after[name] ?? Number.NaN) - (before[name] ?? Number.NaN)) * 1000;

/** Loads the page for `app` in a fresh tab, streams one answer and measures it. */
async function runOnce(browser: Browser, origin: string, app: AppName, diagnostics = false): Promise<Run> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  try {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/?app=${app}${diagnostics ? '&diag=1' : ''}`);
    await page.waitForFunction(() => 'chatBench' in window);
    await page.evaluate(() => (window as unknown as { chatBench: PageApi }).chatBench.ready);
    const cdp = await metrics(page);
    const profile = await startProfile(page);
    const before = await cdp.read();
    const run = await page.evaluate(() => (window as unknown as { chatBench: PageApi }).chatBench.run());
    const after = await cdp.read();
    await profile?.stop(app);
    if (errors.length > 0) throw new Error(`${app}: page errors: ${errors.join('; ')}`);
    return {
      ...run,
      scriptMs: seconds(after, before, 'ScriptDuration'),
      taskMs: seconds(after, before, 'TaskDuration'),
      layoutMs: seconds(after, before, 'LayoutDuration'),
      styleMs: seconds(after, before, 'RecalcStyleDuration'),
    };
  } finally {
    await page.close();
  }
}

/** Throws unless the run rendered the whole conversation and exactly the expected answer. */
function check(app: AppName, run: Run, expected: string): void {
  if (run.finalText !== expected) {
    throw new Error(`${app}: final text has ${run.finalText.length} characters, expected ${expected.length}`);
  }
  if (run.rows !== PRIOR_MESSAGES + 2)
    throw new Error(`${app}: ${run.rows} rows, expected ${PRIOR_MESSAGES + 2}`);
  if (!(run.commits > 0) || !Number.isFinite(run.scriptMs)) throw new Error(`${app}: nothing measured`);
}

// ---- report --------------------------------------------------------------------------------------

const ms = (value: number): string => value.toFixed(value < 100 ? 1 : 0);
const ranged = (values: readonly number[], format: (value: number) => string = ms): string =>
  `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
const count = (value: number): string => String(Math.round(value * 10) / 10);
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

function row(app: AppName, runs: readonly Run[]): string[] {
  const longest = runs.map((run) => Math.max(0, ...run.longTasks));
  return [
    LABELS[app],
    ranged(runs.map((run) => run.scriptMs)),
    ranged(runs.map((run) => run.taskMs)),
    ranged(runs.map((run) => run.layoutMs + run.styleMs)),
    ranged(runs.map((run) => run.wallMs)),
    ranged(
      runs.map((run) => run.commits),
      count,
    ),
    ranged(
      runs.map((run) => run.frames),
      count,
    ),
    ranged(
      runs.map((run) => run.commits / Math.max(1, run.frames)),
      (value) => value.toFixed(2),
    ),
    ranged(
      runs.map((run) => run.maxCommitsPerFrame),
      count,
    ),
    ranged(
      runs.map((run) => run.framesWithSeveralCommits),
      count,
    ),
    ranged(
      runs.map((run) => run.settledRowRenders),
      count,
    ),
    ranged(
      runs.map((run) => run.rowRenders),
      count,
    ),
    ranged(
      runs.map((run) => run.longTasks.length),
      count,
    ),
    longest.some((value) => value > 0) ? ranged(longest) : '—',
  ];
}

const verdict = (met: boolean): string => (met ? 'met' : '**not met**');

/** Which components rendered in the commits of frames that had more than one, as `A+B ×n`. */
function describeExtraCommits(run: PageRun): string[] {
  const log = run.commitLog ?? [];
  const tally = new Map<string, number>();
  for (const names of log) {
    const key =
      names
        .filter((name) => name !== 'CountedMessage')
        .slice(0, 4)
        .join(' › ') || '(nothing rendered)';
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return [...tally].toSorted((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ×${n}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const hardLimit = setTimeout(() => {
    console.error(`ui-chromium: gave up after ${HARD_LIMIT_MS / 1000} s`);
    process.exit(1);
  }, HARD_LIMIT_MS);
  hardLimit.unref();
  const loadBefore = load();
  const expected = answerDeltas().join('');
  const outDir = await buildPage();
  console.log(`page built ${formatElapsed(started)}`);
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: chromiumArgs,
    headless: true,
  });
  const results = new Map<AppName, Run[]>(APPS.map((app) => [app, []]));
  let diagnosis: PageRun | undefined;
  try {
    // One untimed run per app first: the first pages a fresh browser loads run cold (compile caches,
    // JIT), which landed on whichever app happened to go first.
    for (const app of APPS) check(app, await runOnce(browser, server.origin, app), expected);
    console.log(`warm-up done ${formatElapsed(started)}`);
    let round = 0;
    for (; round < ROUNDS; round++) {
      if (round >= MIN_ROUNDS && performance.now() - started > ROUND_BUDGET_MS) break;
      for (let k = 0; k < APPS.length; k++) {
        const app = APPS[(round + k) % APPS.length] as AppName;
        const run = await runOnce(browser, server.origin, app);
        check(app, run, expected);
        results.get(app)?.push(run);
        console.log(
          `round ${round + 1} ${app}: script ${ms(run.scriptMs)} ms, wall ${ms(run.wallMs)} ms, ` +
            `${run.commits} commits / ${run.frames} frames ${formatElapsed(started)}`,
        );
      }
    }
    // One untimed run that logs which components rendered in each commit, to explain extra commits.
    diagnosis = await runOnce(browser, server.origin, 'chatstream', true);
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }

  const ours = results.get('chatstream') ?? [];
  const scriptOf = (app: AppName): number => median((results.get(app) ?? []).map((run) => run.scriptMs));
  const framesOf = (app: AppName): number => median((results.get(app) ?? []).map((run) => run.frames));
  const ratioObjects = scriptOf('chatstream') / scriptOf('ai-sdk-objects');
  const ratioSse = scriptOf('chatstream') / scriptOf('ai-sdk-sse');
  const maxPerFrame = Math.max(...ours.map((run) => run.maxCommitsPerFrame));
  const settled = Math.max(...ours.map((run) => run.settledRowRenders));
  const longest = Math.max(0, ...ours.flatMap((run) => run.longTasks));
  const rounds = ours.length;

  const report =
    APPS.length === APP_NAMES.length
      ? writeResult
      : (_name: string, lines: readonly string[]) => console.log(lines.join('\n'));
  report('ui-chromium', [
    '## UI in real Chromium',
    '',
    `A ${DELTAS.toLocaleString('en-US')}-token answer (${(expected.length / 1e3).toFixed(0)} k characters, ` +
      `one word per token) streamed at full speed below ${PRIOR_MESSAGES} prior messages, in headless ` +
      `Chromium (Debian's, \`scripts/chromium.ts\`), driven by Playwright. The page is bundled by Vite ` +
      '(production mode: React production builds, minified; workspace packages from source) and served ' +
      'from 127.0.0.1; each run loads it in a fresh tab, mounts the conversation untimed, then sends one ' +
      'message. **ours**: `<ChatStream chat={session} />` from `@chatstream/ui` (the whole drop-in: ' +
      'transcript, composer, sentence announcer), the session from `createChatSession` with default ' +
      "`throttle: 'frame'`, answered through its `fetch` with the Anthropic SSE bytes of a " +
      "`@chatstream/mocks` scenario (`timing: 'instant'`). **AI SDK**: " +
      `\`@ai-sdk/react\` \`useChat\` with \`experimental_throttle: 16\` (about one frame; without a ` +
      'throttle it commits once per delta, 20,000 commits each re-rendering the growing answer, far ' +
      'beyond this time budget), memoised rows drawing the same markup with the same `Message`, ' +
      '`MessageList` and `Composer` parts and CSS (no announcer), fed the same deltas in its own UI ' +
      'message stream protocol: either as chunk objects from a custom `ChatTransport` (its cheapest ' +
      'path) or as the SSE bytes its server helpers send, through `DefaultChatTransport` and a `fetch` ' +
      '(parsed and validated, like ours parses). Every side gets its answer in 64 equal reads (of its bytes, or 1/64 of the chunk objects), one per ' +
      'macrotask (a `MessageChannel` message, no added delay): Chromium runs about one such task per rendered ' +
      'frame, so equal read counts give both the same frames. Plain text rows in both, no markdown. ' +
      'A third row measures ours with the answer revealed at an even pace.',
    '',
    '**scripting** = CDP `Performance.getMetrics` `ScriptDuration` over the run, **tasks** = ' +
      '`TaskDuration` (all main-thread work), **layout + style** = `LayoutDuration` + ' +
      '`RecalcStyleDuration`; **wall** = send → last React commit; **commits** = React root commits ' +
      '(counted through the DevTools global hook, which production react-dom calls); **frames** = ' +
      '`requestAnimationFrame` callbacks from send to the last commit; **max per frame** = most commits ' +
      'between two consecutive frames; **settled row renders** = renders of the 500 prior rows after ' +
      'the send (a counting wrapper around `Message`, passed to `ChatStream` via `components`); **long ' +
      "tasks** = `PerformanceObserver({ type: 'longtask' })` entries (> 50 ms) after the send. Every run " +
      `is checked: ${PRIOR_MESSAGES + 2} rows, and the answer's text in the document equals the joined ` +
      `deltas exactly. Median of ${rounds} runs per side after one untimed warm-up run each (rotating order), min–max in brackets. The ` +
      `machine is shared (2 cores, other jobs running; load average ${loadBefore} at the start, ` +
      `${load()} at the end), so figures move by tens of per cent between runs; node ${process.version}, ` +
      `${(await chromiumVersion()) ?? 'Chromium'}.`,
    '',
    ...markdownTable(
      [
        'library',
        'scripting ms',
        'tasks ms',
        'layout + style ms',
        'wall ms',
        'commits',
        'frames',
        'commits / frame',
        'max per frame',
        'frames with > 1 commit',
        'settled row renders',
        'row renders',
        'long tasks',
        'longest task ms',
      ],
      APPS.map((app) => row(app, results.get(app) ?? [])),
    ),
    '',
    `Scripting time, ours / AI SDK (medians): **${formatRatio(ratioObjects)}** against chunk objects, ` +
      `**${formatRatio(ratioSse)}** against SSE bytes (goal ≤ 0.5×: ${verdict(ratioObjects <= 0.5)} / ` +
      `${verdict(ratioSse <= 0.5)}). Goals for ours in these runs: at most one commit per frame ` +
      `${verdict(maxPerFrame <= 1)} (worst frame ${maxPerFrame}); settled rows never re-render ` +
      `${verdict(settled === 0)} (${settled}); no long task over 50 ms ${verdict(longest <= 50)}` +
      `${longest > 0 ? ` (longest ${ms(longest)} ms)` : ''}; final text complete met (checked every run).`,
    '',
    `Revealing the answer at an even pace (\`@chatstream/ui/smooth\`, default \`lagMs\` 250) spreads ` +
      `it over ${count(framesOf('chatstream-smooth'))} frames instead of ${count(framesOf('chatstream'))}: ` +
      `the answer arrives in well under a second here, far faster than a model writes, and the reveal ` +
      `goes on after it (so its wall time is the reveal's). Per frame it costs ` +
      `${ms(scriptOf('chatstream-smooth') / framesOf('chatstream-smooth'))} ms of scripting, against ` +
      `${ms(scriptOf('chatstream') / framesOf('chatstream'))} ms for ours without it (medians); in the frames ` +
      'where the session also publishes, the reveal adds a second commit.',
    ...(diagnosis && diagnosis.framesWithSeveralCommits > 0
      ? [
          '',
          `Commits of one diagnostic run of ours, by the components that rendered (outermost first): ` +
            `${describeExtraCommits(diagnosis).slice(0, 6).join('; ')}.`,
        ]
      : []),
  ]);
  clearTimeout(hardLimit);
  console.log(formatElapsed(started));
}

async function chromiumVersion(): Promise<string | undefined> {
  try {
    const { execFileSync } = await import('node:child_process');
    return execFileSync(chromiumPath(), ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .replace(/ built on.*/, '');
  } catch {
    return undefined;
  }
}

await main();
