import type { ChatWorker } from '@chatstream/mocks/browser';
import type { ReactNode } from 'react';
import { useRequestLog } from '../hooks/use-request-log.ts';

/** Props of {@link RequestLog}. */
export interface RequestLogProps {
  mocks: ChatWorker;
}

function outcomeOf(row: { outcome?: string | undefined; status: number }): string {
  if (row.outcome) return row.outcome;
  return row.status >= 400 ? 'error' : 'streaming…';
}

/**
 * What the in-browser mock server saw: one row per request with the scenario served, the HTTP status
 * and how the stream ended (a stop shows up as `aborted`: the server really stopped sending).
 */
export function RequestLog({ mocks }: RequestLogProps): ReactNode {
  const rows = useRequestLog(mocks);
  return (
    <section className="panel request-log" aria-label="Mock requests">
      <header className="panel-heading">
        <h2>Requests</h2>
        <button
          type="button"
          className="text-button"
          onClick={() => mocks.reset()}
          title="Clears the log and retry counters"
        >
          Reset
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="hint">Each request the mock server answers shows up here.</p>
      ) : (
        <ol className="request-rows">
          {rows.toReversed().map((row) => (
            <li key={row.index} data-outcome={outcomeOf(row)}>
              <span className="request-index">#{row.index}</span>
              <span className="request-scenario">{row.scenario}</span>
              <span className="request-status" data-ok={row.status < 400}>
                {row.status}
              </span>
              <span className="request-outcome">{outcomeOf(row)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
