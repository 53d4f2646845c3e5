// Drives the markdown benchmark page in headless Chromium: builds it with Vite (production React),
// serves it on 127.0.0.1, and runs each contender at each size in a fresh tab.
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.ts';
import { buildPage } from '../ui-chromium/build-page.ts';
import { serveStatic } from '../ui-chromium/static-server.ts';
import type { MarkdownPageApi, MarkdownPageContender } from './shared.ts';

const root = fileURLToPath(new URL('./page/', import.meta.url));

/** One measurement the driver wants: a contender, the prefix size and how many tokens to append. */
export interface ChromiumMarkdownCase {
  key: string;
  contender: MarkdownPageContender;
  size: number;
  tokens: number;
}

/**
 * Runs every case `warmup + rounds` times (rotating order, one tab each) and returns the timed
 * µs-per-token figures by case key, plus the Chromium version.
 */
export async function runMarkdownInChromium(
  cases: readonly ChromiumMarkdownCase[],
  { rounds, warmup, onRound }: { rounds: number; warmup: number; onRound?: (round: number) => void },
): Promise<{ times: Map<string, number[]>; version: string }> {
  const outDir = await buildPage({ root });
  const server = await serveStatic(outDir);
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...chromiumArgs, '--js-flags=--expose-gc'],
    headless: true,
  });
  const times = new Map<string, number[]>();
  try {
    for (let round = 0; round < warmup + rounds; round++) {
      for (let k = 0; k < cases.length; k++) {
        const item = cases[(round + k) % cases.length] as ChromiumMarkdownCase;
        const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
        try {
          await page.goto(server.origin);
          await page.waitForFunction(() => 'markdownBench' in window);
          const { contender, size, tokens } = item;
          const result = await page.evaluate(
            (options) => (window as unknown as { markdownBench: MarkdownPageApi }).markdownBench.run(options),
            { contender, size, tokens },
          );
          if (!(result.renderedLength > size / 2)) throw new Error(`${item.key}: rendered too little`);
          if (round >= warmup) times.set(item.key, [...(times.get(item.key) ?? []), result.usPerToken]);
        } finally {
          await page.close();
        }
      }
      onRound?.(round);
    }
    return { times, version: browser.version() };
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
