import { checkFunction, checkNumber, checkOneOf } from '../check-options.ts';
import type { MessageStreamOptions } from './message-stream.ts';

/** Throws a `RangeError` / `TypeError` for an option no stream can run with. */
export function checkStreamOptions(init: MessageStreamOptions & { protocol?: unknown }): void {
  for (const name of ['idleTimeoutMs', 'totalTimeoutMs', 'maxBufferSize'] as const) {
    checkNumber(name, init[name], 'positive');
  }
  checkNumber('maxTokens', init.maxTokens, 'positive count');
  checkFunction('now', init.now);
  checkOneOf('protocol', init.protocol, ['anthropic', 'text']);
  const { signal } = init;
  // Duck-typed: a signal from another realm (an iframe, jsdom) fails `instanceof`.
  if (
    signal !== undefined &&
    typeof (signal as Partial<AbortSignal> | null)?.addEventListener !== 'function'
  ) {
    throw new TypeError('signal must be an AbortSignal');
  }
}
