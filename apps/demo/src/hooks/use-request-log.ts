import type { ChatHandlers, RequestRecord } from '@chatstream/mocks/browser';
import { useEffect, useState } from 'react';

/** A copy of one mock request record (the log mutates its records as streams end). */
export type RequestRow = Readonly<RequestRecord> & { readonly index: number };

/**
 * The last `limit` requests the MSW handlers received, re-read a few times a second: the log is a
 * plain array the handlers update in place, so there is nothing to subscribe to. Rows are numbered
 * from the first request since the last reset, also once the log no longer keeps the oldest.
 */
export function useRequestLog(
  log: Pick<ChatHandlers, 'requests' | 'received'> | undefined,
  limit = 6,
): readonly RequestRow[] {
  const [rows, setRows] = useState<readonly RequestRow[]>([]);
  useEffect(() => {
    if (!log) return;
    const { requests } = log;
    let key = '';
    const read = (): void => {
      const start = Math.max(0, requests.length - limit);
      const first = log.received() - requests.length + start + 1;
      const next = requests.slice(start).map((record, offset) => ({ ...record, index: first + offset }));
      const nextKey = next.map((row) => `${row.index}:${row.status}:${row.outcome ?? ''}`).join('|');
      if (nextKey !== key) {
        key = nextKey;
        setRows(next);
      }
    };
    read();
    const timer = setInterval(read, 250);
    return () => clearInterval(timer);
  }, [log, limit]);
  return rows;
}
