import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceReveal, checkRevealPace, graphemeFloor } from './reveal-pace.ts';

const FRAME_MS = 1000 / 60;

/** Frames of 60 Hz while text arrives in `burst`-character bursts every `everyMs`; the characters revealed by each frame. */
function revealPerFrame(burst: number, everyMs: number, durationMs: number) {
  let received = 0;
  let position = 0;
  let nextBurst = 0;
  const revealed: number[] = [];
  const hidden: number[] = [];
  for (let now = 0; now < durationMs; now += FRAME_MS) {
    while (nextBurst <= now) {
      received += burst;
      nextBurst += everyMs;
    }
    const next = advanceReveal(position, received, FRAME_MS);
    revealed.push(next - position);
    hidden.push(received - next);
    position = next;
  }
  return { revealed, hidden };
}

describe('advanceReveal', () => {
  it('spreads bursts of text over the frames between them', () => {
    // 40 characters every 150 ms: shown raw, one frame in nine jumps and the others stand still.
    const { revealed, hidden } = revealPerFrame(40, 150, 5000);
    const steady = revealed.slice(60);
    expect(Math.min(...steady)).toBeGreaterThan(2);
    expect(Math.max(...steady)).toBeLessThan(2.2 * Math.min(...steady));
    // The reveal keeps up: what is hidden stays about the arrival rate times 250 ms, plus a burst.
    expect(Math.max(...hidden.slice(60))).toBeLessThan(267 * 0.25 + 40);
  });

  it('reveals a steady stream at the speed it arrives', () => {
    const { revealed } = revealPerFrame(5, FRAME_MS, 3000);
    // Once the reveal has caught up with the stream (2 s, 8 times `lagMs`).
    for (const step of revealed.slice(120)) expect(step).toBeCloseTo(5, 1);
  });

  it('never passes the text received, and reaches it however it is called', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.double({ min: -20, max: 5000, noNaN: true }), { maxLength: 400 }),
        (target, steps) => {
          let position = 0;
          for (const elapsed of steps) {
            const next = advanceReveal(position, target, elapsed);
            expect(next).toBeGreaterThanOrEqual(position);
            expect(next).toBeLessThanOrEqual(target);
            position = next;
          }
          const rest = target - position;
          let frames = 0;
          while (position < target) {
            position = advanceReveal(position, target, FRAME_MS);
            frames++;
          }
          // The floor of 60 characters per second, one per frame, ends the exponential tail.
          expect(frames).toBeLessThanOrEqual(Math.ceil(rest) + 1);
        },
      ),
    );
  });

  it('finishes a hidden rest at the floor speed once little is left', () => {
    expect(advanceReveal(0, 3, 1000 / 60)).toBeCloseTo(1, 5);
    expect(advanceReveal(0, 3, 50)).toBe(3);
  });

  it('stands still for a frame that began before the reveal did', () => {
    expect(advanceReveal(10, 100, -4)).toBe(10);
  });

  it('shows everything after a long pause (a tab in the background)', () => {
    expect(advanceReveal(10, 5000, 60_000)).toBe(5000);
  });

  it('follows the pace it is given', () => {
    expect(advanceReveal(0, 100, 100, { lagMs: 100 })).toBeCloseTo(100 * (1 - Math.exp(-1)), 5);
    // 10 × (1 − e^−0.4) = 3.3 characters, below the floor's 8.
    expect(advanceReveal(0, 10, 100, { minCharsPerSecond: 80 })).toBeCloseTo(8, 5);
  });
});

const graphemes = (text: string) => [
  ...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text),
];

describe('graphemeFloor', () => {
  it('never cuts an emoji, a flag or a letter from its accents', () => {
    const text = 'Hi 👍🏽 from 🇫🇷, a 👩‍👩‍👧‍👦 café (cafe\u0301) 🏴󠁧󠁢󠁥󠁮󠁧󠁿 ok';
    const boundaries = [...graphemes(text).map((segment) => segment.index), text.length];
    for (let index = 0; index <= text.length; index++) {
      // The boundary at or before the index: the index itself when it is one.
      const expected = boundaries.findLast((boundary) => boundary <= index);
      expect(graphemeFloor(text, index), `at ${index}`).toBe(expected);
    }
  });

  it('works on the window around the cut, far into a long text', () => {
    const text = 'x'.repeat(100_000) + '👍🏽' + 'y'.repeat(10);
    expect(graphemeFloor(text, 100_002)).toBe(100_000);
    expect(graphemeFloor(text, 100_004)).toBe(100_004);
  });

  it('keeps indices outside the text inside it', () => {
    expect(graphemeFloor('abc', -2)).toBe(0);
    expect(graphemeFloor('abc', 9)).toBe(3);
    expect(graphemeFloor('', 0)).toBe(0);
  });
});

describe('checkRevealPace', () => {
  it('refuses a lag that is not a finite number ≥ 0 and a floor that is not one > 0, naming where and what', () => {
    expect(() => checkRevealPace({ lagMs: Number.NaN }, 'smoothRenderText')).toThrow(
      new RangeError('smoothRenderText: lagMs must be a finite number ≥ 0, got NaN'),
    );
    expect(() => checkRevealPace({ minCharsPerSecond: -5 }, 'useSmoothText')).toThrow(
      'useSmoothText: minCharsPerSecond must be a finite number > 0, got -5',
    );
    expect(() => checkRevealPace({ minCharsPerSecond: 0 }, 'here')).toThrow(RangeError);
    expect(() => checkRevealPace({ lagMs: '200' as unknown as number }, 'here')).toThrow(RangeError);
    expect(() => checkRevealPace({ lagMs: Infinity }, 'here')).toThrow(RangeError);
  });

  it('takes zero (no smoothing) and leaves unset settings to their defaults', () => {
    expect(() => checkRevealPace({ lagMs: 0, minCharsPerSecond: undefined }, 'here')).not.toThrow();
    expect(advanceReveal(0, 500, 16, { lagMs: 0 })).toBe(500);
  });
});
