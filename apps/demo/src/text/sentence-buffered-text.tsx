import { Markdown } from '@chatstream/ui/markdown';
import type { ReactNode } from 'react';
import { useSentenceBuffer } from './use-sentence-buffer.ts';

/** Props of {@link SentenceBufferedText}. */
export interface SentenceBufferedTextProps {
  text: string;
  streaming: boolean;
}

/** Markdown that grows a whole sentence at a time while the answer streams. */
export function SentenceBufferedText({ text, streaming }: SentenceBufferedTextProps): ReactNode {
  const shown = useSentenceBuffer(text, streaming);
  return (
    <div className="sentence-buffered" data-state={streaming ? 'buffering' : 'done'}>
      <Markdown text={shown} streaming={streaming} />
      {streaming && shown.length < text.length ? (
        <span className="sentence-pending" aria-hidden="true" />
      ) : null}
    </div>
  );
}
