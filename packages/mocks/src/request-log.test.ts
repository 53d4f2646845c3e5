import { describe, expect, it } from 'vitest';
import { createRequestLog, type RequestRecord } from './request-log.ts';

const fields = (scenario: string): Omit<RequestRecord, 'aborted' | 'completed'> => ({
  method: 'POST',
  path: '/api/chat',
  headers: {},
  body: { messages: [{ role: 'user', content: scenario }] },
  scenario,
  attempt: 0,
  status: 200,
});

describe('createRequestLog', () => {
  it('keeps the newest maxRequests requests, oldest first, and counts every one', () => {
    const log = createRequestLog({ maxRequests: 3 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) log.start(fields(name))('completed');
    expect(log.requests.map((request) => request.scenario)).toEqual(['c', 'd', 'e']);
    expect(log.received()).toBe(5);
    log.clear();
    expect(log.requests).toEqual([]);
    expect(log.received()).toBe(0);
  });

  it('keeps 1,000 by default, and every request with Infinity', () => {
    const bounded = createRequestLog();
    const unbounded = createRequestLog({ maxRequests: Infinity });
    for (let i = 0; i < 1001; i++) {
      bounded.start(fields(`#${i}`))('completed');
      unbounded.start(fields(`#${i}`))('completed');
    }
    expect(bounded.requests).toHaveLength(1000);
    expect(bounded.requests[0]?.scenario).toBe('#1');
    expect(unbounded.requests).toHaveLength(1001);
  });

  it('waits in settled() for a stream whose record it no longer keeps, and still updates it', async () => {
    const log = createRequestLog({ maxRequests: 1 });
    const finishFirst = log.start(fields('first'));
    const first = log.requests[0]!;
    log.start(fields('second'))('completed');
    expect(log.requests.map((request) => request.scenario)).toEqual(['second']);
    let settled = false;
    const waiting = log.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finishFirst('aborted');
    await waiting;
    expect(first).toMatchObject({ aborted: true, completed: false, outcome: 'aborted' });
  });

  it('refuses a maxRequests that is not a whole number ≥ 0 or Infinity', () => {
    for (const bad of [-1, 1.5, Number.NaN, '10']) {
      expect(() => createRequestLog({ maxRequests: bad as number })).toThrow(RangeError);
    }
    expect(() => createRequestLog({ maxRequests: -1 })).toThrow(
      'maxRequests must be a whole number ≥ 0 or Infinity, got -1',
    );
    const none = createRequestLog({ maxRequests: 0 });
    none.start(fields('a'))('completed');
    expect(none.requests).toEqual([]);
    expect(none.received()).toBe(1);
  });
});
