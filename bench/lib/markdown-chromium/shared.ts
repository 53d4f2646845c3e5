// What the markdown benchmark page and its Node driver agree on.

/** Ways the page can render each token. */
export type MarkdownPageContender = 'ours' | 'ours-layout' | 'naive-html';

/** One run the driver asks for. */
export interface MarkdownPageRunOptions {
  contender: MarkdownPageContender;
  /** Length of the already-rendered prefix, characters. */
  size: number;
  /** Deltas appended (and rendered) one at a time. */
  tokens: number;
}

/** What the page puts on `window` for the driver. */
export interface MarkdownPageApi {
  /** Mounts the prefix (untimed), then times `tokens` updates; µs per token and the text rendered. */
  run: (options: MarkdownPageRunOptions) => Promise<{ usPerToken: number; renderedLength: number }>;
}

/** Seeds shared with the jsdom benchmark, so both render the same markdown. */
export const DOCUMENT_SEED = 0x5eed;
export const DELTA_SEED = 0xde17a;
/** Tokens between untimed full GCs (the page runs with `--js-flags=--expose-gc`). */
export const GC_EVERY = 100;
