import type { ReactNode } from 'react';

/** Path data of the few icons the parts draw (24×24 grid, stroked). */
const PATHS = {
  send: 'M12 19V5M5 12l7-7 7 7',
  stop: 'M7 7h10v10H7z',
  regenerate: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  down: 'M12 5v14M5 12l7 7 7-7',
  alert: 'M12 8v5M12 16.5v.5M10.3 3.9 2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z',
} as const;

/** Name of an icon drawn by {@link Icon}. */
export type IconName = keyof typeof PATHS;

/**
 * A decorative inline SVG icon (hidden from assistive technology: the button around it has the name):
 * one of {@link IconName}, or the path data `d` of another on the same grid.
 */
export function Icon(props: { name: IconName } | { d: string }): ReactNode {
  return (
    <svg
      data-slot="icon"
      aria-hidden
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={'d' in props ? props.d : PATHS[props.name]} />
    </svg>
  );
}
