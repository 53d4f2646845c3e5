import { useLayoutEffect } from 'react';
import { expect, it, onTestFinished } from 'vitest';
import { useBrowserLayoutEffect } from './use-layout-effect.ts';

it('is useLayoutEffect in a browser: the transcript and the message box measure before paint', () => {
  expect(useBrowserLayoutEffect).toBe(useLayoutEffect);
});

it('is useEffect without a document, so React 18 does not warn about layout effects on a server', async () => {
  const worker = new Worker(new URL('./test/layout-effect-worker.ts', import.meta.url), { type: 'module' });
  onTestFinished(() => worker.terminate());
  const report = await new Promise((resolve, reject) => {
    worker.addEventListener('message', (event) => resolve(event.data));
    worker.addEventListener('error', (event) => reject(new Error(event.message)));
  });
  expect(report).toEqual({ hasDocument: false, effect: 'useEffect' });
});
