import type { StreamOutcome } from './play-plan.ts';

/** One request a mock backend received, and how its response ended. */
export interface RequestRecord {
  method: string;
  /** The URL path (`/api/chat`, `/v1/messages`). */
  path: string;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** The scenario served. */
  scenario: string;
  /** 0-based attempt for this scenario (what `failFirst` counts). */
  attempt: number;
  /** The response status. */
  status: number;
  /** The client went away (abort, disconnect, cancelled body) before the response finished. */
  aborted: boolean;
  /** Every byte of the response was handed over and the response ended normally. */
  completed: boolean;
  /** How the stream ended, once it has. */
  outcome?: StreamOutcome;
}

/** A live request log plus a way to wait until every response has ended. */
export interface RequestLog {
  readonly requests: RequestRecord[];
  /** Starts a record; call the returned function once with the outcome. */
  start(record: Omit<RequestRecord, 'aborted' | 'completed'>): (outcome: StreamOutcome) => void;
  /** Resolves once every response started so far has ended. */
  settled(): Promise<void>;
  /** Clears the log and the attempt counters. */
  clear(): void;
  /** The next attempt number for a scenario (counts from 0). */
  nextAttempt(scenario: string): number;
}

/** Creates the request log shared by the MSW handlers and the fake server. */
export function createRequestLog(): RequestLog {
  const requests: RequestRecord[] = [];
  const attempts = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  return {
    requests,
    start(fields) {
      const record: RequestRecord = { ...fields, aborted: false, completed: false };
      requests.push(record);
      let finish!: () => void;
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      pending.add(done);
      let ended = false;
      return (outcome) => {
        if (ended) return;
        ended = true;
        record.outcome = outcome;
        record.completed = outcome === 'completed';
        record.aborted = outcome === 'aborted' || outcome === 'cancelled';
        pending.delete(done);
        finish();
      };
    },
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
    clear() {
      requests.length = 0;
      attempts.clear();
    },
    nextAttempt(scenario) {
      const attempt = attempts.get(scenario) ?? 0;
      attempts.set(scenario, attempt + 1);
      return attempt;
    },
  };
}
