/** How a run saves the conversation while an answer streams. */
export type SaveStrategy = 'none' | 'every-change' | 'persistChat';

/** What the page measured in one run. */
export interface SaveRun {
  /** Calls of `sessionStorage.setItem`. */
  saves: number;
  /** Milliseconds spent in `JSON.stringify` and `sessionStorage.setItem` together. */
  savingMs: number;
  /** The longest single save (stringify and store), in ms. */
  longestSaveMs: number;
  /** Frames (animation-frame intervals) longer than 25 ms while the answer streamed. */
  slowFrames: number;
  /** Animation frames while the answer streamed. */
  frames: number;
  /** Size of the saved JSON at the end, in characters. */
  savedChars: number;
}

/** What the page exposes to the benchmark as `window.persistBench`. */
export interface PersistBenchApi {
  run(strategy: SaveStrategy, priorMessages: number, deltas: number): Promise<SaveRun>;
}
