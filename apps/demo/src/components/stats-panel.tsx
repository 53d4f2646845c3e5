import type { ChatSessionSnapshot } from '@chatstream/reader';
import type { ReactNode } from 'react';
import { useTokenTimeline } from '../hooks/use-token-timeline.ts';
import { TokenChart } from './token-chart.tsx';
import { StatusPill } from './status-pill.tsx';

/** Props of {@link StatsPanel}. */
export interface StatsPanelProps {
  state: ChatSessionSnapshot;
  /** Compact: one row of figures, no chart (the side-by-side columns). */
  compact?: boolean;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)} KB`;
  return `${decimal.format(bytes / 1024 / 1024)} MB`;
}

/**
 * How the latest request went. Its answer is the last message; a request that failed before any of
 * its answer arrived has none, and an earlier answer's stop_reason would say the wrong thing.
 */
function outcome({ status, messages, error }: ChatSessionSnapshot): string {
  if (status === 'submitted') return 'request sent, waiting for message_start';
  const last = messages.at(-1);
  const answer = last?.role === 'assistant' ? last : undefined;
  if (status === 'error' && !answer) return `request failed${error ? ` · ${error.kind}` : ''}`;
  const said = answer?.stopReason
    ? `stop_reason: ${answer.stopReason}`
    : answer?.status && answer.status !== 'complete'
      ? `message: ${answer.status}`
      : 'Send a message to see the stream';
  return answer?.error ? `${said} · ${answer.error.kind}` : said;
}

/**
 * Live figures of the latest stream: time to first token, tokens per second, output tokens (marked
 * "≈" while they are an estimate between usage updates), bytes and elapsed time, plus how it ended.
 */
export function StatsPanel({ state, compact = false }: StatsPanelProps): ReactNode {
  const { stats, status } = state;
  const points = useTokenTimeline(state);
  const figures = [
    {
      label: 'First token',
      value: stats?.timeToFirstTokenMs === undefined ? '–' : `${integer.format(stats.timeToFirstTokenMs)} ms`,
    },
    {
      label: 'Tokens/s',
      value: stats?.tokensPerSecond === undefined ? '–' : decimal.format(stats.tokensPerSecond),
    },
    {
      label: 'Tokens',
      value: stats ? `${stats.outputTokensExact ? '' : '≈'}${integer.format(stats.outputTokens)}` : '–',
    },
    { label: 'Bytes', value: stats ? formatBytes(stats.bytes) : '–' },
  ];
  if (!compact) {
    figures.push({ label: 'Elapsed', value: stats ? `${decimal.format(stats.elapsedMs / 1000)} s` : '–' });
  }
  const busy = status === 'submitted' || status === 'streaming';
  return (
    <section
      className={compact ? 'stats-panel stats-panel--compact' : 'stats-panel'}
      aria-label="Stream statistics"
      data-state={busy ? 'streaming' : 'idle'}
    >
      {compact ? null : (
        <header className="panel-heading">
          <h2>Live stats</h2>
          <StatusPill state={state} />
        </header>
      )}
      <dl className="stats-grid">
        {figures.map((figure) => (
          <div key={figure.label} className="stat">
            <dt>{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
      {compact ? null : (
        <>
          <TokenChart points={points} />
          <p className="stats-footnote">{outcome(state)}</p>
        </>
      )}
    </section>
  );
}
