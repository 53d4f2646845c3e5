import { createMarkdownRenderText } from '@chatstream/ui/markdown';
import { smoothRenderText } from '@chatstream/ui/smooth';
import type { ReactNode } from 'react';
import type { DisplayMode } from '../components/display-settings.tsx';
import { highlightCode } from './highlight-code.ts';
import { renderMath } from './render-math.tsx';
import { SentenceBufferedText } from './sentence-buffered-text.tsx';

/** How `ChatStream` renders a text block. */
export type RenderText = (text: string, streaming: boolean) => ReactNode;

const renderSentences: RenderText = (text, streaming) => (
  <SentenceBufferedText text={text} streaming={streaming} />
);

const renderPlain: RenderText = (text) => <p className="plain-text">{text}</p>;

const renderMarkdown: RenderText = createMarkdownRenderText({ renderMath, highlight: highlightCode });

const renderMarkdownSmoothly: RenderText = smoothRenderText(renderMarkdown);

const renderPlainSmoothly: RenderText = smoothRenderText(renderPlain);

/**
 * The `renderText` for a display mode, revealed at an even pace when `smooth` (module constants, so
 * `ChatStream` rows stay memoised). Completed sentences need no smoothing.
 */
export function renderTextFor(display: DisplayMode, smooth = false): RenderText {
  if (display === 'sentences') return renderSentences;
  if (display === 'plain') return smooth ? renderPlainSmoothly : renderPlain;
  return smooth ? renderMarkdownSmoothly : renderMarkdown;
}
