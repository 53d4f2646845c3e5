import type { ComponentType, ReactNode } from 'react';

/** Elements the markdown renderer creates, each replaceable through `components`. */
export type MarkdownElement =
  | 'p'
  | 'a'
  | 'strong'
  | 'em'
  | 'del'
  | 'code'
  | 'pre'
  | 'h1'
  | 'h2'
  | 'h3'
  | 'h4'
  | 'h5'
  | 'h6'
  | 'ul'
  | 'ol'
  | 'li'
  | 'blockquote'
  | 'hr'
  | 'br'
  | 'table'
  | 'thead'
  | 'tbody'
  | 'tr'
  | 'th'
  | 'td'
  | 'img'
  | 'input';

/** Replacements for the elements the renderer creates; each receives the props the element would. */
// oxlint-disable-next-line typescript/no-explicit-any -- each element takes its own props
export type MarkdownComponents = Partial<Record<MarkdownElement, ComponentType<any>>>;

/** Turns code into highlighted nodes (e.g. with Shiki or Prism); `lang` is the fence's info word. */
export type Highlight = (code: string, lang: string) => ReactNode;

/** What every block renderer needs besides its token. Keep it stable between renders (memoised). */
export interface MarkdownRenderContext {
  readonly components: MarkdownComponents | undefined;
  readonly highlight: Highlight | undefined;
  readonly epoch: number;
}
