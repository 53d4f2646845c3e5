import { describe, expect, it } from 'vitest';
import { createRandom, hashSeed } from './prng.ts';

function draw(seed: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: 20 }, () => random.next());
}

describe('createRandom', () => {
  it('repeats the same sequence for the same seed and differs across seeds', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('keeps next() in [0, 1) and int() within its inclusive bounds', () => {
    const random = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      seen.add(random.int(3, 5));
    }
    expect([...seen].toSorted((a, b) => a - b)).toEqual([3, 4, 5]);
  });
});

describe('hashSeed', () => {
  it('is stable and name-sensitive', () => {
    expect(hashSeed('basic')).toBe(hashSeed('basic'));
    expect(hashSeed('basic')).not.toBe(hashSeed('toolUse'));
    expect(hashSeed('basic', 1)).not.toBe(hashSeed('basic', 2));
  });
});
