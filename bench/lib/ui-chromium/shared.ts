// What the benchmark page and its Node driver agree on: the input's size and seeds, and the shape
// of one run's measurements.

/** Messages in the conversation before the streamed answer. */
export const PRIOR_MESSAGES = 500;
/** Text deltas (tokens) in the streamed answer. */
export const DELTAS = 20_000;
/** Seed of the answer's deltas. */
export const DELTA_SEED = 0x20_4b;
/** Seed of the prior conversation's text. */
export const PRIOR_SEED = 0x9a57;

/** The apps the page can mount (`?app=<name>`). */
export type AppName = 'chatstream' | 'chatstream-smooth' | 'ai-sdk-objects' | 'ai-sdk-sse';

/** Every app name, in the order they first run. */
export const APP_NAMES: readonly AppName[] = [
  'chatstream',
  'chatstream-smooth',
  'ai-sdk-objects',
  'ai-sdk-sse',
];

/** What the page measured during one streamed answer. */
export interface PageRun {
  /** Send → last React commit, ms. */
  wallMs: number;
  /** Send → the answer's bytes or chunks all handed to the library, ms. */
  deliveredMs: number;
  /** React commits (whole root) between send and the end. */
  commits: number;
  /** `requestAnimationFrame` callbacks between send and the last commit. */
  frames: number;
  /** The most commits that landed between two consecutive animation frames. */
  maxCommitsPerFrame: number;
  /** Frame intervals that saw more than one commit. */
  framesWithSeveralCommits: number;
  /** Renders of the 500 prior rows after the send (settled rows; goal 0). */
  settledRowRenders: number;
  /** Renders of any row after the send. */
  rowRenders: number;
  /** Long tasks (> 50 ms) that started after the send: their durations, ms. */
  longTasks: number[];
  /** Rows (messages) in the transcript at the end. */
  rows: number;
  /** The streamed answer's text as the document shows it at the end. */
  finalText: string;
  /** Diagnostics only (`?diag=1`): per commit, the components that rendered, outermost first. */
  commitLog?: string[][];
}

/** What the page puts on `window` for the driver. */
export interface PageApi {
  /** Resolves once the app mounted the prior conversation and went quiet. */
  ready: Promise<void>;
  /** Sends one message, waits for the whole answer to be rendered, and reports. */
  run: () => Promise<PageRun>;
}
