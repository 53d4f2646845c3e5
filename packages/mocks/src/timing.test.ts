import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scenario } from './builder.ts';
import { contentScenarios } from './catalogue-content.ts';
import { faultScenarios } from './catalogue-faults.ts';
import { createMockStream } from './mock-response.ts';
import { planResponse } from './plan-response.ts';
import { chunksOf } from './test/sse-events.ts';
import type { Timing } from './timing.ts';

interface Arrival {
  at: number;
  text: string;
}

/** Reads a body in the background, noting the (fake) time each chunk arrived. */
function record(body: ReadableStream<Uint8Array>): { arrivals: Arrival[]; done: Promise<void> } {
  const arrivals: Arrival[] = [];
  const decoder = new TextDecoder();
  const start = Date.now();
  const done = (async () => {
    for await (const chunk of chunksOf(body))
      arrivals.push({ at: Date.now() - start, text: decoder.decode(chunk) });
  })();
  return { arrivals, done };
}

const steady: Timing = { timeToFirstToken: 500, tokensPerSecond: 10, jitter: 0, pingInterval: 1000 };

describe('timing with fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the time to first token, then paces deltas by tokens per second', async () => {
    const built = scenario('paced').text('aaaa bbbb').stop();
    const { arrivals, done } = record(createMockStream(built, { timing: steady }));
    await vi.advanceTimersByTimeAsync(499);
    expect(arrivals.map((arrival) => arrival.text)).toEqual([expect.stringContaining('message_start')]);
    await vi.advanceTimersByTimeAsync(1);
    expect(arrivals.at(-1)?.text).toContain('content_block_start');
    // 'aaaa' and ' bbbb' are 1 and 1.25 tokens (4 characters each, as usage counts them): 100 ms
    // and 125 ms at 10 tokens per second.
    await vi.advanceTimersByTimeAsync(99);
    expect(arrivals.some((arrival) => arrival.text.includes('aaaa'))).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(arrivals.at(-1)?.text).toContain('aaaa');
    await vi.advanceTimersByTimeAsync(125);
    await done;
    expect(arrivals.map((arrival) => arrival.at)).toEqual([0, 500, 600, 725, 725, 725, 725]);
  });

  // The README's fake-timers example: jitter (35 % by default) varies the deltas, never this wait.
  it.each(['basic', 'toolUse', 'thinking', 'webSearch'] as const)(
    '%s: the first block arrives exactly timeToFirstToken after message_start, jitter or not',
    async (name) => {
      for (const seed of [1, 2, 3]) {
        const timing: Timing = { timeToFirstToken: 800, tokensPerSecond: 30, seed };
        const { arrivals, done } = record(createMockStream(contentScenarios[name], { timing }));
        await vi.advanceTimersByTimeAsync(799); // still waiting for the first token
        expect(arrivals.map((arrival) => arrival.text)).toEqual([expect.stringContaining('message_start')]);
        await vi.advanceTimersByTimeAsync(1); // the first block arrives
        expect(arrivals).toHaveLength(2);
        expect(arrivals[1]?.text).toContain('content_block_start');
        await vi.runAllTimersAsync();
        await done;
      }
    },
  );

  it('streams the output tokens usage reports at the speed asked, jitter or not', async () => {
    for (const jitter of [0, 0.35]) {
      const timing: Timing = { timeToFirstToken: 0, tokensPerSecond: 50, jitter, seed: 7 };
      const { arrivals, done } = record(createMockStream(contentScenarios.longAnswer, { timing }));
      await vi.runAllTimersAsync();
      await done;
      const usage = arrivals.map((arrival) => /"output_tokens":(\d+)/.exec(arrival.text)).findLast(Boolean);
      const seconds = arrivals.at(-1)!.at / 1000;
      expect(Number(usage![1]) / seconds).toBeGreaterThan(45);
      expect(Number(usage![1]) / seconds).toBeLessThan(55);
    }
  });

  it('fills long pauses with pings', async () => {
    const built = scenario('paused').text('a').pause(3500).text('b').stop();
    const { arrivals, done } = record(createMockStream(built, { timing: steady }));
    await vi.advanceTimersByTimeAsync(10_000);
    await done;
    const pings = arrivals.filter((arrival) => arrival.text.startsWith('event: ping'));
    // 'a' is a quarter of a token: 25 ms at 10 tokens per second; the pause and 'b' then 3,525 ms.
    expect(pings.map((ping) => ping.at)).toEqual([1525, 2525, 3525]);
    expect(arrivals.find((arrival) => arrival.text.includes('"b"'))?.at).toBe(4050);
  });

  it('delivers instantly without any timer', async () => {
    const { arrivals, done } = record(createMockStream(contentScenarios.longAnswer, { timing: 'instant' }));
    await done;
    expect(vi.getTimerCount()).toBe(0);
    expect(arrivals.every((arrival) => arrival.at === 0)).toBe(true);
  });

  it('keeps a stall fault even with instant timing, with no pings in it', async () => {
    const { arrivals, done } = record(createMockStream(faultScenarios.stalled, { timing: 'instant' }));
    await vi.advanceTimersByTimeAsync(29_999);
    expect(arrivals).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await done;
    expect(arrivals.filter((arrival) => arrival.text.includes('ping'))).toEqual([]);
    expect(arrivals.at(-1)?.at).toBe(30_000);
  });
});

const delays = (timing: Timing): number[] =>
  planResponse(contentScenarios.longAnswer, { timing }).chunks.map((chunk) => chunk.delay);

describe('schedule', () => {
  it('is seeded: the same seed repeats, another seed jitters differently', () => {
    expect(delays('realistic')).toEqual(delays('realistic'));
    expect(delays({ seed: 1 })).not.toEqual(delays({ seed: 2 }));
  });

  it('stays near the requested speed despite jitter', () => {
    const plan = delays({ tokensPerSecond: 50, jitter: 0.35, timeToFirstToken: 0, seed: 3 });
    const total = plan.reduce((sum, delay) => sum + delay, 0);
    const steadyTotal = delays({ tokensPerSecond: 50, jitter: 0, timeToFirstToken: 0 }).reduce(
      (a, b) => a + b,
      0,
    );
    expect(total).toBeGreaterThan(steadyTotal * 0.8);
    expect(total).toBeLessThan(steadyTotal * 1.2);
  });
});
