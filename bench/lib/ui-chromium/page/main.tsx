// The benchmark page: mounts the app named by `?app=` with the prior conversation, then waits for the
// driver to call `window.chatBench.run()`. `?diag=1` also logs which components rendered in each commit.
// oxlint-disable-next-line import/no-unassigned-import -- first: the DevTools hook must exist before react-dom loads
import './meter.ts';
// oxlint-disable-next-line import/no-unassigned-import -- the parts' stylesheet, so layout is real
import '../../../../packages/ui/src/styles.css';
import { createRoot } from 'react-dom/client';
import { APP_NAMES, type AppName, type PageApi, type PageRun } from '../shared.ts';
import { createAiSdkBench } from './ai-sdk-app.tsx';
import { createChatStreamBench } from './chatstream-app.tsx';
import { answerDeltas, priorTurns } from './data.ts';
import { nextTask } from './pace.ts';
import { setSettledIds, startMeter, stopMeter } from './meter.ts';

const params = new URLSearchParams(location.search);
const app = params.get('app') as AppName;
if (!APP_NAMES.includes(app)) throw new Error(`unknown app ${app}`);
const diagnostics = params.get('diag') === '1';

const prior = priorTurns();
const deltas = answerDeltas();
setSettledIds(prior.map((turn) => turn.id));

let delivered = Number.NaN;
const onDelivered = (): void => {
  delivered = performance.now();
};
const bench =
  app === 'chatstream' || app === 'chatstream-smooth'
    ? createChatStreamBench(prior, deltas, onDelivered, app === 'chatstream-smooth')
    : createAiSdkBench(prior, deltas, app === 'ai-sdk-objects' ? 'objects' : 'sse', onDelivered);

const container = document.createElement('div');
document.body.append(container);
createRoot(container).render(bench.element);

const frame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The streamed answer's text as shown: the last assistant row's plain text (the cursor is empty). */
const answerText = (): string => {
  const rows = document.querySelectorAll('[data-slot="message"][data-role="assistant"]');
  const content = rows[rows.length - 1]?.querySelector('[data-slot="text-block-content"]');
  // ChatStream renders plain text one element per line; reading them avoids forcing a layout (innerText).
  const lines = content?.querySelectorAll('[data-slot="text-line"]');
  if (lines?.length) return Array.from(lines, (line) => line.textContent).join('\n');
  return content?.textContent ?? '';
};

async function run(): Promise<PageRun> {
  const meter = startMeter(diagnostics);
  await bench.send();
  // Both libraries may still have a frame or a throttle timer pending after their send resolves.
  const expected = deltas.join('');
  for (let waited = 0; waited < 300 && answerText() !== expected; waited++) await frame();
  for (let k = 0; k < 5; k++) await frame();
  await nextTask();
  await sleep(100);
  const summary = stopMeter(meter, delivered);
  return {
    ...summary,
    rows: document.querySelectorAll('[data-slot="message"]').length,
    finalText: answerText(),
  };
}

const ready = (async () => {
  for (let k = 0; k < 10; k++) await frame();
  await sleep(300);
})();

(window as unknown as { chatBench: PageApi }).chatBench = { ready, run };
