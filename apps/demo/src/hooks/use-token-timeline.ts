import type { ChatSessionSnapshot } from '@chatstream/reader';
import { useEffect, useState } from 'react';

/** One sample of a stream's progress: output tokens after `ms` milliseconds. */
export interface TimelinePoint {
  ms: number;
  tokens: number;
}

/**
 * Samples `outputTokens` against `elapsedMs` of the latest stream, for the stats panel's chart. A new
 * request (the session goes back to `submitted`) starts a new timeline.
 */
export function useTokenTimeline(state: ChatSessionSnapshot): readonly TimelinePoint[] {
  const [points, setPoints] = useState<readonly TimelinePoint[]>([]);
  const { stats, status } = state;

  useEffect(() => {
    if (status === 'submitted') setPoints([]);
  }, [status]);

  useEffect(() => {
    // From the first token on (a reconnected answer has no time to first token, but has tokens).
    if (!stats || stats.outputTokens === 0) return;
    const point = { ms: stats.elapsedMs, tokens: stats.outputTokens };
    setPoints((previous) => {
      const last = previous.at(-1);
      if (last && point.ms < last.ms) return [point];
      if (last && last.ms === point.ms && last.tokens === point.tokens) return previous;
      return [...previous, point];
    });
  }, [stats]);

  return points;
}
