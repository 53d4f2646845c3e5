// The markdown benchmark page: renders a long markdown message, then appends deltas one at a time,
// timing each update (`flushSync`: React's render and the DOM writes; with layout, a forced layout
// too, which the browser would otherwise do once per frame).
// oxlint-disable-next-line import/no-unassigned-import -- the parts' stylesheet, so layout is real
import '../../../../packages/ui/src/styles.css';
import { marked } from 'marked';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { Markdown } from '../../../../packages/ui/src/markdown/index.ts';
import { markdownDeltas, markdownDocument } from '../../markdown-input.ts';
import {
  DELTA_SEED,
  DOCUMENT_SEED,
  GC_EVERY,
  type MarkdownPageApi,
  type MarkdownPageRunOptions,
} from '../shared.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

/** A way to show `text` in `container`; returns the function that shows each later text. */
function mount(contender: MarkdownPageRunOptions['contender'], container: HTMLElement) {
  if (contender === 'naive-html') {
    // The usual approach: the whole text through marked into innerHTML on every token.
    return {
      show: (text: string) => {
        container.innerHTML = marked.parse(text, { async: false });
      },
      unmount: () => undefined,
    };
  }
  const root = createRoot(container);
  return {
    show: (text: string) => flushSync(() => root.render(<Markdown text={text} streaming />)),
    unmount: () => root.unmount(),
  };
}

async function run({ contender, size, tokens }: MarkdownPageRunOptions) {
  const prefix = markdownDocument(size, DOCUMENT_SEED);
  const deltas = markdownDeltas(tokens, DELTA_SEED);
  const whole = prefix + deltas.join('');
  const container = document.createElement('div');
  document.body.append(container);
  const view = mount(contender, container);
  view.show(prefix);
  for (let k = 0; k < 3; k++) await frame();
  let length = prefix.length;
  let elapsed = 0;
  // Timed in stretches of GC_EVERY tokens: performance.now() is coarse (0.1 ms) outside isolation.
  for (let from = 0; from < tokens; from += GC_EVERY) {
    gc?.();
    const start = performance.now();
    for (let index = from; index < Math.min(tokens, from + GC_EVERY); index++) {
      length += (deltas[index] as string).length;
      view.show(whole.slice(0, length));
      // Forces the layout a browser would do before painting the token.
      if (contender === 'ours-layout') container.getBoundingClientRect();
    }
    elapsed += performance.now() - start;
  }
  const renderedLength = container.textContent?.length ?? 0;
  view.unmount();
  container.remove();
  return { usPerToken: (elapsed * 1000) / tokens, renderedLength };
}

(window as unknown as { markdownBench: MarkdownPageApi }).markdownBench = { run };
