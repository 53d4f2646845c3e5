import { useEffect, useRef, useState } from 'react';
import { copyText } from './copy-text.ts';

/** Where a copy button is: `copied` and `failed` last two seconds, then it is `idle` again. */
export type CopyState = 'idle' | 'copied' | 'failed';

/** How long the outcome of a copy shows. */
const SHOWN_MS = 2000;

/**
 * The state of a copy button and the function that copies: `copy(text)` puts the text on the
 * clipboard and shows the outcome for two seconds; it resolves to the error when the browser refused.
 */
export function useCopy(): [CopyState, (text: string) => Promise<unknown>] {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const show = (next: CopyState): void => {
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), SHOWN_MS);
  };
  const copy = (text: string): Promise<unknown> =>
    copyText(text).then(
      () => show('copied'),
      (error: unknown) => {
        show('failed');
        return error;
      },
    );
  return [state, copy];
}
