// What keeping a conversation in sessionStorage costs while an answer streams, in real headless
// Chromium: saving on every change the session publishes (what a page writes without a helper)
// against `persistChat`, and against not saving at all. One text delta arrives per animation frame
// below 100 and 500 earlier messages; the page times JSON.stringify + sessionStorage.setItem and
// counts frames longer than 25 ms.
// Run: node --import tsx --conditions=@chatstream/source bench/persist-chromium.bench.ts
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.ts';
import { formatRatio, markdownTable, median, writeResult } from './lib/measure.ts';
import type { PersistBenchApi, SaveRun, SaveStrategy } from './lib/persist-chromium/shared.ts';
import { buildPage } from './lib/ui-chromium/build-page.ts';
import { serveStatic } from './lib/ui-chromium/static-server.ts';

const ROUNDS = Number(process.env['PERSIST_BENCH_ROUNDS'] ?? 3);
const DELTAS = 300;
const HISTORIES = [100, 500] as const;
const STRATEGIES: readonly SaveStrategy[] = ['none', 'every-change', 'persistChat'];

const LABELS: Record<SaveStrategy, string> = {
  none: 'not saved',
  'every-change': '`chat.subscribe(() => sessionStorage.setItem(key, JSON.stringify(…)))`',
  persistChat: '`persistChat(chat, key)` (interval 1000 ms)',
};

const dir = await buildPage({ root: new URL('./lib/persist-chromium/page/', import.meta.url).pathname });
const server = await serveStatic(dir);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
const runs = new Map<string, SaveRun[]>();
try {
  const page = await browser.newPage();
  await page.goto(server.origin);
  await page.waitForFunction(() => document.title === 'ready');
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const prior of HISTORIES) {
      // Rotating the order keeps a warmer JIT from favouring whoever runs last.
      const order = STRATEGIES.map((_, index) => STRATEGIES[(index + round) % STRATEGIES.length]!);
      for (const strategy of order) {
        const run = await page.evaluate(
          ([name, messages, deltas]) =>
            (window as unknown as { persistBench: PersistBenchApi }).persistBench.run(name, messages, deltas),
          [strategy, prior, DELTAS] as const,
        );
        const key = `${prior}:${strategy}`;
        runs.set(key, [...(runs.get(key) ?? []), run]);
        console.log(
          `round ${round + 1} · ${prior} messages · ${strategy}: ${run.saves} saves, ${run.savingMs.toFixed(0)} ms saving, ` +
            `${run.slowFrames}/${run.frames} frames over 25 ms`,
        );
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const rows: string[][] = [];
for (const prior of HISTORIES) {
  const everyChange = runs.get(`${prior}:every-change`)!;
  for (const strategy of STRATEGIES) {
    const list = runs.get(`${prior}:${strategy}`)!;
    const savingMs = median(list.map((run) => run.savingMs));
    const ratio =
      strategy === 'persistChat'
        ? formatRatio(
            median(list.map((run, index) => everyChange[index]!.savingMs / Math.max(run.savingMs, 0.01))),
          )
        : '—';
    rows.push([
      `${prior} earlier messages (${(median(everyChange.map((run) => run.savedChars)) / 1e6).toFixed(2)} MB of JSON)`,
      LABELS[strategy],
      String(median(list.map((run) => run.saves))),
      `${savingMs.toFixed(0)} ms`,
      `${median(list.map((run) => run.longestSaveMs)).toFixed(1)} ms`,
      `${median(list.map((run) => run.slowFrames))} / ${median(list.map((run) => run.frames))}`,
      ratio,
    ]);
  }
}

writeResult('persist-chromium', [
  '## Keeping a conversation in sessionStorage while an answer streams (Chromium)',
  '',
  `One text delta per animation frame (${DELTAS} deltas), the session throttled to frames; medians of ${ROUNDS} rounds.`,
  '"Saving" is the time in `JSON.stringify` and `sessionStorage.setItem` while the answer streamed; a',
  'slow frame is an animation-frame interval over 25 ms.',
  '',
  ...markdownTable(
    [
      'conversation',
      'saved with',
      'saves',
      'saving',
      'longest save',
      'slow frames',
      'less saving than every change',
    ],
    rows,
  ),
]);
