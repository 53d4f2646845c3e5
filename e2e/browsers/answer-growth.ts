import type { Tab } from './browser.ts';

const SAMPLES = '__e2eAnswerGrowth';

/** One change of the newest answer, as recorded in the page. */
interface Sample {
  /** Milliseconds since recording started. */
  ms: number;
  /** The answer's `data-state`. */
  state: string;
  /** Characters of text it showed. */
  length: number;
}

/** How the newest answer grew on screen. */
export interface AnswerGrowth {
  /** The lengths of text it showed while still streaming, each new one once, in order. */
  partialLengths: number[];
  /** Milliseconds from its first visible text to its end (complete, stopped or failed); -1 if neither was seen. */
  firstTextToEndMs: number;
  /** Every change recorded, for the failure message. */
  samples: Sample[];
}

/**
 * Starts recording, in the page, every change of the next answer's text and state (a
 * MutationObserver on the transcript sees each render; polling from the test could miss a short
 * stream). Call it before sending; read the result with {@link readAnswerGrowth}.
 */
export function recordAnswerGrowth(tab: Tab): Promise<void> {
  return tab.evaluate((key: string) => {
    const log = document.querySelector('[role="log"][aria-label="Conversation"]');
    if (!log) throw new Error('no transcript to watch');
    const before = log.querySelectorAll('article[data-role="assistant"]').length;
    const start = performance.now();
    const samples: Sample[] = [];
    const observer = new MutationObserver(() => {
      const answers = log.querySelectorAll('article[data-role="assistant"]');
      const answer = answers[answers.length - 1];
      if (answers.length <= before || !answer) return;
      const state = answer.getAttribute('data-state') ?? '';
      const length = [...answer.querySelectorAll('[data-slot="text-block"]')].reduce(
        (total, block) => total + (block.textContent?.length ?? 0),
        0,
      );
      const last = samples[samples.length - 1];
      if (last?.state === state && last.length === length) return;
      samples.push({ ms: Math.round(performance.now() - start), state, length });
    });
    observer.observe(log, { subtree: true, childList: true, characterData: true, attributes: true });
    // Kept on the window with its samples, so it lives as long as the page.
    (window as unknown as Record<string, unknown>)[key] = { observer, samples };
  }, SAMPLES);
}

/** Reads what {@link recordAnswerGrowth} recorded so far. */
export async function readAnswerGrowth(tab: Tab): Promise<AnswerGrowth> {
  const samples = await tab.evaluate(
    (key: string) => (window as unknown as Record<string, { samples: Sample[] }>)[key]?.samples ?? [],
    SAMPLES,
  );
  const partialLengths: number[] = [];
  for (const { state, length } of samples) {
    if (state === 'streaming' && length > 0 && length !== partialLengths.at(-1)) partialLengths.push(length);
  }
  const firstText = samples.find((sample) => sample.length > 0);
  const end = samples.find((sample) => sample.state !== 'streaming');
  const firstTextToEndMs = firstText && end ? end.ms - firstText.ms : -1;
  return { partialLengths, firstTextToEndMs, samples };
}

/** One line for the test report: how early the text showed and in how many steps it grew. */
export function describeGrowth({ partialLengths, firstTextToEndMs }: AnswerGrowth): string {
  return `first text ${firstTextToEndMs} ms before the end; grew in ${partialLengths.length} steps while streaming`;
}
