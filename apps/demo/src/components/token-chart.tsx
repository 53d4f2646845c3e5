import type { ReactNode } from 'react';
import type { TimelinePoint } from '../hooks/use-token-timeline.ts';

/** Props of {@link TokenChart}. */
export interface TokenChartProps {
  points: readonly TimelinePoint[];
}

const WIDTH = 240;
const HEIGHT = 56;

/** Output tokens over time: a steady slope means a smooth stream, steps mean bursts or stalls. */
export function TokenChart({ points }: TokenChartProps): ReactNode {
  const last = points.at(-1);
  if (!last || points.length < 2) {
    return (
      <div className="token-chart token-chart--empty" aria-hidden="true">
        <span>tokens over time</span>
      </div>
    );
  }
  const first = points[0]!;
  const span = Math.max(1, last.ms - first.ms);
  const top = Math.max(1, last.tokens);
  const coordinates = points.map(
    (point) =>
      `${(((point.ms - first.ms) / span) * WIDTH).toFixed(1)},${(HEIGHT - (point.tokens / top) * (HEIGHT - 4)).toFixed(1)}`,
  );
  return (
    <svg
      className="token-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`${last.tokens} tokens in ${(span / 1000).toFixed(1)} seconds`}
    >
      <polygon
        points={`0,${HEIGHT} ${coordinates.join(' ')} ${WIDTH},${HEIGHT}`}
        className="token-chart-area"
      />
      <polyline points={coordinates.join(' ')} className="token-chart-line" />
    </svg>
  );
}
