import { type RefObject, useEffect } from 'react';
import { useBrowserLayoutEffect } from '../use-layout-effect.ts';

/**
 * Keeps the box that `ref` holds (or its `selector` descendant), rendered as a tab stop, one only
 * while its content overflows it, so the keyboard can reach it and scroll it: sixty tables and code
 * blocks that fit kept a keyboard user from the message box. Server-rendered HTML, and a box the
 * hook cannot find (a `pre` of the app's own that renders none), stay tab stops; a box that has
 * the focus keeps it. Measured after each render (streamed code grows) and when the box is resized.
 */
export function useScrollStop(ref: RefObject<HTMLElement | null>, selector?: string): void {
  const measure = (): void => {
    const root = ref.current;
    const box = selector ? root?.querySelector<HTMLElement>(selector) : root;
    if (!box) return;
    const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    const focused = (box.getRootNode() as Document | ShadowRoot).activeElement === box;
    if (scrolls || focused) box.setAttribute('tabindex', '0');
    else box.removeAttribute('tabindex');
  };
  useBrowserLayoutEffect(measure);
  useEffect(() => {
    const root = ref.current;
    if (!root || typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- `measure` reads the refs when it runs
  }, []);
}
