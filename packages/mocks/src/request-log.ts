import { shown } from './check-serve-options.ts';
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

/** Options of a mock backend's request log. */
export interface RequestLogOptions {
  /**
   * How many requests `requests` keeps, the newest (default 1,000; `Infinity` keeps all). Each
   * record holds its whole body, and a chat resends the whole conversation every turn, so an
   * unbounded log of a long session grows with the square of its length.
   */
  maxRequests?: number | undefined;
}

/** A live request log plus a way to wait until every response has ended. */
export interface RequestLog {
  /** The newest `maxRequests` requests, oldest first. */
  readonly requests: RequestRecord[];
  /** Starts a record; call the returned function once with the outcome. */
  start(record: Omit<RequestRecord, 'aborted' | 'completed'>): (outcome: StreamOutcome) => void;
  /** How many records were started since the last `clear()`, including those no longer kept. */
  received(): number;
  /** Resolves once every response started so far has ended. */
  settled(): Promise<void>;
  /** Clears the log and the attempt counters. */
  clear(): void;
  /** The next attempt number for a scenario (counts from 0). */
  nextAttempt(scenario: string): number;
}

/** How many requests a log keeps by default: plenty for a test, a bounded memory for a demo tab. */
const DEFAULT_MAX_REQUESTS = 1000;

/**
 * Creates the request log shared by the MSW handlers and the fake server. Throws a `RangeError`
 * when `maxRequests` is not a whole number ≥ 0 or `Infinity`.
 */
export function createRequestLog({ maxRequests = DEFAULT_MAX_REQUESTS }: RequestLogOptions = {}): RequestLog {
  if (!(maxRequests === Infinity || (Number.isInteger(maxRequests) && maxRequests >= 0))) {
    throw new RangeError(`maxRequests must be a whole number ≥ 0 or Infinity, got ${shown(maxRequests)}`);
  }
  const requests: RequestRecord[] = [];
  const attempts = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  let received = 0;
  return {
    requests,
    start(fields) {
      const record: RequestRecord = { ...fields, aborted: false, completed: false };
      received++;
      requests.push(record);
      if (requests.length > maxRequests) requests.splice(0, requests.length - maxRequests);
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
    received: () => received,
    async settled() {
      while (pending.size > 0) await Promise.all(pending);
    },
    clear() {
      requests.length = 0;
      received = 0;
      attempts.clear();
    },
    nextAttempt(scenario) {
      const attempt = attempts.get(scenario) ?? 0;
      attempts.set(scenario, attempt + 1);
      return attempt;
    },
  };
}
