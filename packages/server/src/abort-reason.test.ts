import { describe, expect, it } from 'vitest';
import { abortError, abortReason } from './abort-reason.ts';
import { stillAlive } from './test/collected.ts';

/**
 * Makes `count` abort errors, each inside a closure over some state, as the relay does while
 * relaying: the errors, and weak references to the states.
 */
function abortWhileHolding(count: number): { reasons: Error[]; states: WeakRef<object>[] } {
  const reasons: Error[] = [];
  const states: WeakRef<object>[] = [];
  for (let index = 0; index < count; index++) {
    const state = { body: new Uint8Array(1024), index };
    const abort = (): Error => abortError(`Stopped with ${Object.keys(state).length} keys.`);
    states.push(new WeakRef(state));
    reasons.push(abort());
  }
  return { reasons, states };
}

describe('abortReason', () => {
  it('keeps the message and the stack of an abort error', () => {
    const error = abortError('The client stopped the stream.');
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('The client stopped the stream.');
    expect(error.stack).toMatch(/^Error: The client stopped the stream\.\n\s+at /u);
  });

  it('keeps nothing the code that made the error held', async () => {
    const { reasons, states } = abortWhileHolding(20);
    expect(await stillAlive(states)).toBe(0);
    expect(reasons.every((reason) => reason.message === 'Stopped with 2 keys.')).toBe(true);
  });

  it('returns any reason as it is, a frozen error and one that is not an error included', () => {
    const frozen = Object.freeze(new Error('frozen'));
    expect(abortReason(frozen)).toBe(frozen);
    expect(frozen.stack).toContain('Error: frozen');
    const reason = { why: 'left' };
    expect(abortReason(reason)).toBe(reason);
    expect(abortReason(undefined)).toBeUndefined();
  });
});
