import { createMarkdownRenderText } from '@chatstream/ui/markdown';
import type { ReactNode } from 'react';
import type { DisplayMode } from '../components/display-settings.tsx';
import { renderMath } from './render-math.tsx';
import { SentenceBufferedText } from './sentence-buffered-text.tsx';

/** How `ChatStream` renders a text block. */
export type RenderText = (text: string, streaming: boolean) => ReactNode;

const renderSentences: RenderText = (text, streaming) => (
  <SentenceBufferedText text={text} streaming={streaming} />
);

const renderPlain: RenderText = (text) => <p className="plain-text">{text}</p>;

const renderMarkdown: RenderText = createMarkdownRenderText({ renderMath });

/** The `renderText` for a display mode (module constants, so `ChatStream` rows stay memoised). */
export function renderTextFor(display: DisplayMode): RenderText {
  if (display === 'sentences') return renderSentences;
  if (display === 'plain') return renderPlain;
  return renderMarkdown;
}
