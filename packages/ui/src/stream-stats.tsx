import {
  forwardRef,
  type HTMLAttributes,
  type ForwardRefExoticComponent,
  type RefAttributes,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { StreamStats as Stats } from '@chatstream/reader';
import { useLabels } from './labels.tsx';

/** Props of {@link StreamStats}. */
export interface StreamStatsProps extends HTMLAttributes<HTMLDivElement> {
  /** Figures of the stream (`ChatSession` snapshot `stats`, or a message's `stats`). */
  stats: Stats | undefined;
  /** Still streaming: `data-state="streaming"`. */
  streaming?: boolean | undefined;
}

const number = /* @__PURE__ */ new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/**
 * Figures of a stream: time to first token, tokens per second, output tokens and, when the request's
 * `max_tokens` is known, a progress bar toward it. Renders nothing before any stats exist. While it
 * streams, a stream gone quiet shows its rate falling, second by second, rather than the last one.
 *
 * @example
 * <StreamStats stats={stats} streaming={status === 'streaming'} />
 */
export const StreamStats: ForwardRefExoticComponent<StreamStatsProps & RefAttributes<HTMLDivElement>> =
  /* @__PURE__ */ forwardRef<HTMLDivElement, StreamStatsProps>(function StreamStats(
    { stats, streaming = false, ...rest },
    ref,
  ) {
    const t = useLabels();
    // Figures are new only when the stream brings something: between them, time goes on.
    const cameAt = useMemo(() => performance.now(), [stats]);
    const [now, setNow] = useState(cameAt);
    useEffect(() => {
      if (!streaming) return;
      const timer = setInterval(() => setNow(performance.now()), 1000);
      return () => clearInterval(timer);
    }, [streaming]);
    if (!stats) return null;
    const { timeToFirstTokenMs, outputTokens, maxTokens, progress } = stats;
    const generatingMs = stats.elapsedMs - (timeToFirstTokenMs ?? stats.elapsedMs);
    // Quiet for more than a second (tokens come many times a second).
    const quietMs = streaming && generatingMs > 0 && now - cameAt > 1000 ? now - cameAt : 0;
    const tokensPerSecond =
      stats.tokensPerSecond === undefined || quietMs === 0
        ? stats.tokensPerSecond
        : (stats.tokensPerSecond * generatingMs) / (generatingMs + quietMs);
    // The numbers go to the labels too, for a language whose word follows them in its plural form.
    // Each figure takes the direction of its words: English ones in a right-to-left page read in
    // their own order.
    return (
      <div ref={ref} data-slot="stream-stats" data-state={streaming ? 'streaming' : 'idle'} {...rest}>
        <span data-slot="stream-stat" dir="auto">
          {`${t('First token')} `}
          <b>
            {timeToFirstTokenMs === undefined
              ? '–'
              : t('{0} ms', number.format(timeToFirstTokenMs), timeToFirstTokenMs)}
          </b>
        </span>
        <span data-slot="stream-stat" dir="auto">
          <b>{tokensPerSecond === undefined ? '–' : number.format(tokensPerSecond)}</b>{' '}
          {t('tokens/s', tokensPerSecond ?? 0)}
        </span>
        <span data-slot="stream-stat" dir="auto">
          <b>{number.format(outputTokens)}</b>
          {maxTokens ? ` / ${number.format(maxTokens)}` : null} {t('tokens', maxTokens ?? outputTokens)}
        </span>
        {maxTokens && progress !== undefined ? (
          <span
            role="progressbar"
            aria-label={t('Output tokens used of max_tokens')}
            aria-valuemin={0}
            aria-valuemax={maxTokens}
            aria-valuenow={Math.min(outputTokens, maxTokens)}
            data-slot="stream-stats-progress"
          >
            <span style={{ inlineSize: `${progress * 100}%` }} />
          </span>
        ) : null}
      </div>
    );
  });
