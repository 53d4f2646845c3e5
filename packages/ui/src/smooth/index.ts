'use client';

export { advanceReveal, checkRevealPace, graphemeFloor, type RevealPace } from './reveal-pace.ts';
export { smoothRenderText } from './smooth-render-text.tsx';
export { SmoothText, type RenderRevealedText, type SmoothTextProps } from './smooth-text.tsx';
export { type SmoothTextState, useSmoothText } from './use-smooth-text.ts';
