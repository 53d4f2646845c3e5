import { useEffect, useRef, useState } from 'react';
import { advanceReveal, checkRevealPace, graphemeFloor, type RevealPace } from './reveal-pace.ts';

/** What {@link useSmoothText} shows now. */
export interface SmoothTextState {
  /** The part of the text revealed so far. */
  text: string;
  /** Whether some of the received text is still hidden. */
  revealing: boolean;
}

interface Reveal {
  text: string;
  pace: RevealPace;
  position: number;
  frame: number;
  lastFrame: number;
}

function prefersReducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}

/**
 * Reveals streaming text at an even pace, one animation frame at a time, instead of in the bursts
 * the network delivers. Text that is complete when the component mounts shows at once, and so does
 * everything for people who ask for reduced motion. After the stream ends, the rest still hidden
 * is revealed at the same pace. A pace out of range throws a `RangeError` (see `checkRevealPace`).
 *
 * @param text The text received so far.
 * @param streaming Whether it is still arriving; read when the component mounts.
 * @param pace How fast to reveal (see {@link RevealPace}).
 * @example
 * const { text: shown, revealing } = useSmoothText(block.text, streaming);
 * return <PlainLines text={shown} cursor={streaming || revealing} />;
 */
export function useSmoothText(text: string, streaming: boolean, pace?: RevealPace): SmoothTextState {
  const [still] = useState(prefersReducedMotion);
  // Text already there at mount shows at once: it was not seen arriving.
  const [shown, setShown] = useState(streaming ? 0 : text.length);
  const reveal = useRef<Reveal>({ text, pace: {}, position: shown, frame: 0, lastFrame: 0 });
  const { lagMs, minCharsPerSecond } = pace ?? {};
  checkRevealPace({ lagMs, minCharsPerSecond }, 'useSmoothText');

  useEffect(() => {
    const current = reveal.current;
    current.text = text;
    current.pace = { lagMs, minCharsPerSecond };
    if (current.position > text.length) {
      // Replaced by a shorter text: reveal what follows from its end.
      current.position = text.length;
      setShown(text.length);
    }
    if (still || current.frame !== 0 || current.position === text.length) return;
    // The first frame after a pause counts from now, not from the frame that ended the last reveal.
    current.lastFrame = performance.now();
    const step = (now: number): void => {
      const target = current.text.length;
      current.position = advanceReveal(current.position, target, now - current.lastFrame, current.pace);
      current.lastFrame = now;
      current.frame = current.position < target ? requestAnimationFrame(step) : 0;
      setShown(graphemeFloor(current.text, Math.floor(current.position)));
    };
    current.frame = requestAnimationFrame(step);
  }, [text, still, lagMs, minCharsPerSecond]);

  useEffect(
    () => () => {
      cancelAnimationFrame(reveal.current.frame);
      reveal.current.frame = 0;
    },
    [],
  );

  return still || shown >= text.length
    ? { text, revealing: false }
    : { text: text.slice(0, shown), revealing: true };
}
