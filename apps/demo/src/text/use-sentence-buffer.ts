import { segmentText } from '@chatstream/reader';
import { useEffect, useRef, useState } from 'react';
import { createTextFeed, type TextFeed } from './text-feed.ts';

/**
 * While `streaming`, returns only the completed sentences of `text` (the reader's `segmentText`
 * releases a sentence once text after it arrived); once the stream ends, the whole text.
 *
 * @example
 * const shown = useSentenceBuffer(block.text, streaming);
 */
export function useSentenceBuffer(text: string, streaming: boolean): string {
  const [released, setReleased] = useState('');
  const feed = useRef<TextFeed | undefined>(undefined);

  useEffect(() => {
    if (!streaming) return;
    const current = createTextFeed();
    let active = true;
    feed.current = current;
    setReleased('');
    void (async () => {
      for await (const sentence of segmentText(current, 'sentence')) {
        if (active) setReleased((previous) => previous + sentence);
      }
    })();
    return () => {
      active = false;
      current.end();
      if (feed.current === current) feed.current = undefined;
    };
  }, [streaming]);

  useEffect(() => {
    feed.current?.sync(text);
  }, [text, streaming]);

  return streaming ? released : text;
}
