import { describe, expect, it, vi } from 'vitest';
import { onAbort } from './on-abort.ts';

describe('onAbort', () => {
  it('calls the listener once when the signal aborts', () => {
    const controller = new AbortController();
    const listener = vi.fn<() => void>();
    onAbort(controller.signal, listener);
    expect(listener).not.toHaveBeenCalled();
    controller.abort();
    controller.abort();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('calls the listener at once for a signal that already aborted', () => {
    const listener = vi.fn<() => void>();
    onAbort(AbortSignal.abort(), listener);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('no longer calls the listener once removed', () => {
    const controller = new AbortController();
    const listener = vi.fn<() => void>();
    onAbort(controller.signal, listener)();
    controller.abort();
    expect(listener).not.toHaveBeenCalled();
  });

  it('does nothing without a signal', () => {
    const listener = vi.fn<() => void>();
    onAbort(undefined, listener)();
    expect(listener).not.toHaveBeenCalled();
  });
});
