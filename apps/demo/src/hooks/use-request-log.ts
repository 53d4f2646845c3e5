import type { RequestRecord } from '@chatstream/mocks/browser';
import { useEffect, useState } from 'react';

/** A copy of one mock request record (the log mutates its records as streams end). */
export type RequestRow = Readonly<RequestRecord> & { readonly index: number };

/**
 * The last `limit` requests the MSW handlers received, re-read a few times a second: the log is a
 * plain array the handlers update in place, so there is nothing to subscribe to.
 */
export function useRequestLog(
  requests: readonly RequestRecord[] | undefined,
  limit = 6,
): readonly RequestRow[] {
  const [rows, setRows] = useState<readonly RequestRow[]>([]);
  useEffect(() => {
    if (!requests) return;
    let key = '';
    const read = (): void => {
      const start = Math.max(0, requests.length - limit);
      const next = requests.slice(start).map((record, offset) => ({ ...record, index: start + offset + 1 }));
      const nextKey = next.map((row) => `${row.index}:${row.status}:${row.outcome ?? ''}`).join('|');
      if (nextKey !== key) {
        key = nextKey;
        setRows(next);
      }
    };
    read();
    const timer = setInterval(read, 250);
    return () => clearInterval(timer);
  }, [requests, limit]);
  return rows;
}
