// Counts what one streamed answer costs in the page: React commits (through the DevTools global hook,
// which production builds of react-dom call on every commit), animation frames, row renders and long
// tasks. Import this module before react-dom so the hook is in place when react-dom loads.
import type { PageRun } from '../shared.ts';

interface Fiber {
  type: unknown;
  flags: number;
  child: Fiber | null;
  sibling: Fiber | null;
  alternate: Fiber | null;
}

interface FiberRoot {
  current: Fiber;
}

/** One run's counters; the page's components count into the active one. */
export interface Meter {
  started: number;
  frame: number;
  commitFrames: number[];
  commitTimes: number[];
  rowRenders: number;
  settledRowRenders: number;
  commitLog: string[][] | undefined;
}

let active: Meter | undefined;
let settledIds: ReadonlySet<string> = new Set();

/** React's `PerformedWork` fiber flag: the component's render function ran in this commit. */
const PERFORMED_WORK = 1;

function nameOf(type: unknown): string | undefined {
  if (typeof type === 'function')
    return (type as { displayName?: string; name: string }).displayName ?? type.name;
  if (typeof type === 'object' && type !== null) {
    const inner = (type as { render?: unknown; type?: unknown }).render ?? (type as { type?: unknown }).type;
    return inner === undefined ? undefined : nameOf(inner);
  }
  return undefined;
}

/**
 * The components whose render ran in this commit, outermost first. Subtrees React bailed out of keep
 * the previous commit's children, so the walk stops where a fiber's children are the alternate's.
 */
function renderedComponents(root: FiberRoot): string[] {
  const names: string[] = [];
  const visit = (fiber: Fiber | null): void => {
    for (let node = fiber; node; node = node.sibling) {
      const name = nameOf(node.type);
      if (name && node.flags & PERFORMED_WORK && !names.includes(name)) names.push(name);
      if (node.alternate === null || node.child !== node.alternate.child) visit(node.child);
    }
  };
  visit(root.current.child);
  return names;
}

const hook = {
  supportsFiber: true,
  isDisabled: false,
  renderers: new Map<number, unknown>(),
  inject(renderer: unknown): number {
    hook.renderers.set(1, renderer);
    return 1;
  },
  onCommitFiberRoot(_id: number, root: FiberRoot): void {
    if (!active) return;
    active.commitTimes.push(performance.now());
    active.commitFrames.push(active.frame);
    active.commitLog?.push(renderedComponents(root));
  },
  onCommitFiberUnmount(): void {},
  onPostCommitFiberRoot(): void {},
  checkDCE(): void {},
};
// oxlint-disable-next-line no-underscore-dangle -- the name react-dom looks for
(globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = hook;

/** Every long task the page saw: start and duration, ms. */
const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

/** Marks the prior messages' ids: their rows are settled, and any render of them during a run counts. */
export function setSettledIds(ids: readonly string[]): void {
  settledIds = new Set(ids);
}

/** Counts one render of the row of message `id` into the active run. */
export function countRowRender(id: string | undefined): void {
  if (!active) return;
  active.rowRenders++;
  if (id !== undefined && settledIds.has(id)) active.settledRowRenders++;
}

/** Starts counting (commits, frames, rows, long tasks) from now. */
export function startMeter(diagnostics: boolean): Meter {
  const meter: Meter = {
    started: performance.now(),
    frame: 0,
    commitFrames: [],
    commitTimes: [],
    rowRenders: 0,
    settledRowRenders: 0,
    commitLog: diagnostics ? [] : undefined,
  };
  active = meter;
  const tick = (): void => {
    if (active !== meter) return;
    meter.frame++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return meter;
}

/**
 * Stops counting and summarises the run (the page adds what it read from the document). Call it a
 * little after the last commit: long task entries are reported after their task.
 */
export function stopMeter(meter: Meter, delivered: number): Omit<PageRun, 'rows' | 'finalText'> {
  active = undefined;
  const last = meter.commitTimes.at(-1) ?? Number.NaN;
  const perFrame = new Map<number, number>();
  for (const frame of meter.commitFrames) perFrame.set(frame, (perFrame.get(frame) ?? 0) + 1);
  const counts = [...perFrame.values()];
  return {
    wallMs: last - meter.started,
    deliveredMs: delivered - meter.started,
    commits: meter.commitTimes.length,
    frames: meter.commitFrames.at(-1) ?? 0,
    maxCommitsPerFrame: Math.max(0, ...counts),
    framesWithSeveralCommits: counts.filter((count) => count > 1).length,
    settledRowRenders: meter.settledRowRenders,
    rowRenders: meter.rowRenders,
    longTasks: longTasks.filter((task) => task.start >= meter.started).map((task) => task.duration),
    ...(meter.commitLog ? { commitLog: meter.commitLog } : {}),
  };
}
