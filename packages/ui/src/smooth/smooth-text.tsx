import type { ReactNode } from 'react';
import { PlainText } from '../blocks/plain-text.tsx';
import type { RevealPace } from './reveal-pace.ts';
import { useSmoothText } from './use-smooth-text.ts';

/** Draws revealed text; `streaming` stays true while part of it is still hidden. */
export type RenderRevealedText = (text: string, streaming: boolean) => ReactNode;

/** Props of {@link SmoothText}. */
export interface SmoothTextProps extends RevealPace {
  /** The text received so far. */
  text: string;
  /** Whether more text may still arrive. */
  streaming: boolean;
  /** Draws the revealed part, e.g. `markdownRenderText` (default: plain lines). */
  render?: RenderRevealedText | undefined;
}

// Keeps its cursor inline at the end of the text; the text block's own cursor is hidden by styles.css.
const renderPlain: RenderRevealedText = (text, streaming) => (
  <div data-slot="smooth-plain-text">
    <PlainText text={text} streaming={streaming} />
  </div>
);

/**
 * Text revealed at an even pace as it streams (see {@link useSmoothText}), drawn by `render`. The
 * renderer hears `streaming` until the last character shows, so markdown keeps repairing the syntax
 * a reveal cuts through.
 *
 * @example
 * <SmoothText text={block.text} streaming={streaming} render={markdownRenderText} />
 */
export function SmoothText({
  text,
  streaming,
  render = renderPlain,
  lagMs,
  minCharsPerSecond,
}: SmoothTextProps): ReactNode {
  const shown = useSmoothText(text, streaming, { lagMs, minCharsPerSecond });
  return render(shown.text, streaming || shown.revealing);
}
