// A jsdom document for benchmarks that render React. Import this module before anything that loads
// react or react-dom: it selects React's production builds (unless NODE_ENV was already set) and puts
// a jsdom window's globals in place, `requestAnimationFrame` included (jsdom's `pretendToBeVisual`
// runs it on a 1000/60 ms timer).
import { JSDOM } from 'jsdom';

process.env['NODE_ENV'] ??= 'production';

/** The jsdom instance the globals come from. */
export const dom = new JSDOM('<!doctype html><html><body></body></html>', {
  pretendToBeVisual: true,
  url: 'http://localhost/',
});

const { window } = dom;
const globals = globalThis as Record<string, unknown>;
globals['window'] = window;
globals['document'] = window.document;
globals['navigator'] ??= window.navigator;
for (const name of [
  'Node',
  'Element',
  'HTMLElement',
  'Text',
  'Event',
  'MutationObserver',
  'getComputedStyle',
] as const) {
  globals[name] ??= (window as unknown as Record<string, unknown>)[name];
}
globals['requestAnimationFrame'] = window.requestAnimationFrame.bind(window);
globals['cancelAnimationFrame'] = window.cancelAnimationFrame.bind(window);
