import type { ReactNode } from 'react';
import { withCitationMarks } from '@chatstream/ui';
import type { AllowImage, Highlight, MarkdownComponents, RenderMath } from './markdown-context.ts';
import { Markdown } from './markdown.tsx';

/** Options of {@link createMarkdownRenderText}. */
export interface MarkdownRenderTextOptions {
  /** Syntax highlighting for fenced code. */
  highlight?: Highlight | undefined;
  /** Element replacements. */
  components?: MarkdownComponents | undefined;
  /** Which images load (default: the page's own only; others become links). See `Markdown`. */
  allowImage?: AllowImage | undefined;
  /** Typesets formulas and turns on the math syntax. See `Markdown`. */
  renderMath?: RenderMath | undefined;
}

/**
 * A `renderText` for `TextBlock` / `MessageContent` (`BlockRendererProps['renderText']`) with
 * highlighting or element replacements. Create it once (module scope or `useMemo`). It draws the
 * citation marks `TextBlock` puts after cited passages (see `withCitationMarks`).
 *
 * @example
 * const renderText = createMarkdownRenderText({ highlight: (code, lang) => highlighter(code, lang) });
 * <ChatStream api="/api/chat" renderText={renderText} />
 */
export function createMarkdownRenderText(
  options: MarkdownRenderTextOptions = {},
): (text: string, streaming: boolean) => ReactNode {
  const { highlight, components, allowImage, renderMath } = options;
  return withCitationMarks((text: string, streaming: boolean) => (
    <Markdown
      text={text}
      streaming={streaming}
      highlight={highlight}
      components={components}
      allowImage={allowImage}
      renderMath={renderMath}
    />
  ));
}

/**
 * The default markdown `renderText` for `TextBlock` / `MessageContent`: `<Markdown>` with no
 * highlighting.
 *
 * @example
 * import { markdownRenderText } from '@chatstream/ui/markdown';
 * <MessageContent message={message} renderText={markdownRenderText} />
 */
export const markdownRenderText: (text: string, streaming: boolean) => ReactNode = createMarkdownRenderText();
