import { type RefObject, useEffect } from 'react';
import { useBrowserLayoutEffect } from '../use-layout-effect.ts';

/**
 * Makes the box that `ref` holds (or its `selector` descendant) a tab stop while its content
 * overflows it, so the keyboard can reach it and scroll it, and no stop when it fits: sixty tables
 * and code blocks that fit kept a keyboard user from the message box. Set on the element itself
 * rather than rendered: a `pre` of the app's own (markdown `components`) takes no ref. Measured
 * after each render (streamed code grows) and when the box is resized.
 */
export function useScrollStop(ref: RefObject<HTMLElement | null>, selector?: string): void {
  const measure = (): void => {
    const root = ref.current;
    const box = selector ? root?.querySelector<HTMLElement>(selector) : root;
    if (!box) return;
    const scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
    if (scrolls !== (box.getAttribute('tabindex') === '0')) {
      if (scrolls) box.setAttribute('tabindex', '0');
      else box.removeAttribute('tabindex');
    }
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
