import type { ComponentPropsWithoutRef, ComponentType, ReactNode } from 'react';
import type { Translate } from '@chatstream/ui';
import type { CodeBlockProps } from './code-block.tsx';

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

/**
 * Replacements for the elements the renderer creates; each receives the props the element would
 * (`p` those of a `<p>`, `a` those of an `<a>`…), its content as `children`. An entry set to
 * `undefined` keeps the element.
 *
 * @example
 * const components: MarkdownComponents = { a: (props) => <a {...props} className="link" /> };
 */
export type MarkdownComponents = {
  [Element in MarkdownElement]?: ComponentType<ComponentPropsWithoutRef<Element>> | undefined;
} & {
  /**
   * Replaces a whole fenced code block (its header, Copy button and `pre`), for a design system's
   * own; it gets the props `CodeBlock` would. Render `CodeBlock` inside it to keep parts of ours.
   */
  CodeBlock?: ComponentType<CodeBlockProps> | undefined;
};

/**
 * Typesets a formula (e.g. with KaTeX or MathJax): `tex` without its delimiters, `display` for one on
 * its own lines. Giving it turns on the math syntax: `$$ … $$` and `\[ … \]` blocks, `$ … $` and
 * `\( … \)` within a line.
 */
export type RenderMath = (tex: string, display: boolean) => ReactNode;

/**
 * Turns code into highlighted nodes (e.g. with Shiki or Prism); `lang` is the fence's info word,
 * `streaming` true while the fence is still open (its code grows on every render).
 */
export type Highlight = (code: string, lang: string, streaming: boolean) => ReactNode;

/**
 * Whether an image the model wrote may load (`src` is its checked URL). Images from elsewhere load
 * without anyone clicking, so a prompt injection can make the model write one whose URL carries
 * what it read, and the page sends it off: the default loads only images of the page's own origin.
 */
export type AllowImage = (src: string) => boolean;

/** What inline rendering needs besides its tokens. */
export interface MarkdownInlineContext {
  readonly components: MarkdownComponents | undefined;
  readonly allowImage: AllowImage | undefined;
  readonly renderMath: RenderMath | undefined;
  /** The app's words for what the renderer writes itself (titles, names): `useLabels()`. */
  readonly t: Translate;
  /** Inside a link, whose citation marks are drawn after it (a link cannot hold links or buttons). */
  readonly inLink?: boolean | undefined;
}

/** What every block renderer needs besides its token. Keep it stable between renders (memoised). */
export interface MarkdownRenderContext extends MarkdownInlineContext {
  readonly highlight: Highlight | undefined;
  readonly epoch: number;
}
