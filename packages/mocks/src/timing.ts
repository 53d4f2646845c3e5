import type { PlannedFrame } from './frames.ts';
import { createRandom } from './prng.ts';

/** Realistic pacing. Every field is optional; the defaults feel like a fast model. */
export interface TimingOptions {
  /**
   * Milliseconds before the first content event (default 600), exactly: it is not jittered, so a
   * test with fake timers can step to the first token (`advanceTimersByTimeAsync(timeToFirstToken)`).
   */
  timeToFirstToken?: number | undefined;
  /** Output speed (default 50 tokens per second; a delta of ~4 characters is one token). */
  tokensPerSecond?: number | undefined;
  /** Relative jitter of each delta's delay, 0 to 1 (default 0.35), seeded; not of `timeToFirstToken`. */
  jitter?: number | undefined;
  /** During pauses longer than this, a `ping` is sent every `pingInterval` ms (default 1000; 0: never). */
  pingInterval?: number | undefined;
  /** Seeds the jitter (default: the scenario's seed). */
  seed?: number | undefined;
}

/** `'instant'`: no delays at all (unit tests); `'realistic'`: the defaults; or your own pacing. */
export type Timing = 'instant' | 'realistic' | TimingOptions;

/** A frame and the delay before it; synthetic pings fill long pauses. */
export interface TimedFrame {
  delay: number;
  frame: PlannedFrame['frame'];
}

/**
 * Decides how long to wait before each frame: exactly `timeToFirstToken` before the first content
 * event, then each delta by its tokens and the speed, with seeded jitter. Fault stalls are kept even
 * with `'instant'` timing (a test asked for them) and never get pings.
 */
export function scheduleFrames(frames: readonly PlannedFrame[], timing: Timing, seed: number): TimedFrame[] {
  if (timing === 'instant') {
    return frames.map(({ frame, stallBefore }) => ({ delay: stallBefore, frame }));
  }
  const options = timing === 'realistic' ? {} : timing;
  const ttft = options.timeToFirstToken ?? 600;
  const tps = options.tokensPerSecond ?? 50;
  const jitter = options.jitter ?? 0.35;
  const pingInterval = options.pingInterval ?? 1000;
  const random = createRandom(options.seed ?? seed);
  const vary = (ms: number): number => Math.max(0, Math.round(ms * (1 + jitter * (2 * random.next() - 1))));

  const timed: TimedFrame[] = [];
  let sawContent = false;
  for (const { frame, pauseBefore, stallBefore } of frames) {
    let delay = 0;
    if (!sawContent && isContentStart(frame)) {
      sawContent = true;
      delay = ttft;
    } else if (frame.kind === 'text' && frame.sameDelta === true) {
      delay = 0;
    } else if (
      frame.kind === 'text' ||
      (frame.kind === 'event' && frame.event.type === 'content_block_delta')
    ) {
      // Tokens as usage counts them (4 characters each), not rounded up per delta: rounding made
      // a stream set to 50 tokens per second run at 40.
      delay = vary((Array.from(deltaText(frame)).length / 4 / tps) * 1000);
    }
    let quiet = pauseBefore + delay;
    if (pingInterval > 0) {
      for (; quiet > pingInterval; quiet -= pingInterval) {
        timed.push({ delay: pingInterval, frame: { kind: 'event', event: { type: 'ping' } } });
      }
    }
    timed.push({ delay: quiet + stallBefore, frame });
  }
  return timed;
}

function isContentStart(frame: PlannedFrame['frame']): boolean {
  if (frame.kind === 'text') return true;
  return frame.kind === 'event' && frame.event.type === 'content_block_start';
}

function deltaText(frame: PlannedFrame['frame']): string {
  if (frame.kind === 'text') return frame.text;
  if (frame.kind !== 'event') return '';
  const delta = (frame.event as { delta?: Record<string, unknown> }).delta ?? {};
  const text = delta['text'] ?? delta['partial_json'] ?? delta['thinking'];
  return typeof text === 'string' ? text : '';
}
