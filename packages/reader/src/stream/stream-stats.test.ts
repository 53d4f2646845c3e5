import { describe, expect, it } from 'vitest';
import { StatsTracker } from './stream-stats.ts';

describe('StatsTracker', () => {
  it('reports time to first byte and token, exact usage plus an estimate since, rate and progress', () => {
    let now = 1000;
    const stats = new StatsTracker(() => now, 100);
    expect(stats.read()).toMatchObject({
      elapsedMs: 0,
      timeToFirstByteMs: undefined,
      outputTokens: 0,
      progress: 0,
    });
    now = 1200;
    stats.bytes(50);
    now = 1500;
    stats.content('abcd'.repeat(10));
    expect(stats.read()).toMatchObject({
      timeToFirstByteMs: 200,
      timeToFirstTokenMs: 500,
      bytes: 50,
      outputTokens: 10,
      outputTokensExact: false,
    });
    stats.usage(12);
    now = 1700;
    // 12 tokens in 200 ms is a burst, not a rate.
    expect(stats.read().tokensPerSecond).toBeUndefined();
    now = 2500;
    expect(stats.read()).toMatchObject({
      outputTokens: 12,
      outputTokensExact: true,
      tokensPerSecond: 12,
      progress: 0.12,
    });
    stats.end();
    now = 9000;
    expect(stats.read().elapsedMs).toBe(1500);
  });

  it('forgets a discarded attempt’s content but keeps its bytes', () => {
    const stats = new StatsTracker(() => 0, undefined);
    stats.bytes(10);
    stats.content('abcdefgh');
    stats.resetContent();
    expect(stats.read()).toMatchObject({
      bytes: 10,
      outputTokens: 0,
      timeToFirstTokenMs: undefined,
      progress: undefined,
    });
  });

  it('after a replay, knows no first token and rates only what came after it', () => {
    let now = 0;
    const stats = new StatsTracker(() => now, undefined);
    now = 40;
    // 600 tokens generated before this stream, replayed at once.
    stats.content('a'.repeat(2400));
    stats.replayed();
    now = 1040;
    stats.content('a'.repeat(200));
    expect(stats.read()).toMatchObject({
      elapsedMs: 1040,
      timeToFirstTokenMs: undefined,
      outputTokens: 650,
      tokensPerSecond: 50,
    });
  });
});
