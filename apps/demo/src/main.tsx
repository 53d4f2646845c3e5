import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { detectMode } from './boot/detect-mode.ts';

const mode = await detectMode();
// The worker must be running before the first request; relay mode never loads MSW at all.
const mocks = mode.kind === 'msw' ? await (await import('./mocks/start-mocks.ts')).startMocks() : undefined;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App mode={mode} mocks={mocks} />
  </StrictMode>,
);
