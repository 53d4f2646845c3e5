import type { CSSProperties } from 'react';

/**
 * Hides text visually while keeping it for screen readers. Inline, so hidden text stays hidden even
 * before (or without) the stylesheet.
 */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
};
