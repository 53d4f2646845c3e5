import { getEventListeners } from 'node:events';
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

  it('holds one abort listener on a signal shared by many streams, however many come and go', () => {
    const controller = new AbortController();
    const heard: number[] = [];
    const removers = Array.from({ length: 50 }, (_, index) =>
      onAbort(controller.signal, () => heard.push(index)),
    );
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    for (const remove of removers.slice(0, 48)) remove();
    controller.abort();
    expect(heard).toEqual([48, 49]);
    const again = new AbortController();
    for (let round = 0; round < 20; round++) onAbort(again.signal, () => heard.push(round))();
    expect(getEventListeners(again.signal, 'abort')).toHaveLength(1);
    again.abort();
    expect(heard).toEqual([48, 49]);
  });

  it('calls every listener when one throws, and reports what it threw', () => {
    const reportError = vi.fn<(error: unknown) => void>();
    vi.stubGlobal('reportError', reportError);
    const controller = new AbortController();
    const after = vi.fn<() => void>();
    onAbort(controller.signal, () => {
      throw new Error('listener failed');
    });
    onAbort(controller.signal, after);
    controller.abort();
    vi.unstubAllGlobals();
    expect(after).toHaveBeenCalledOnce();
    expect(reportError).toHaveBeenCalledWith(new Error('listener failed'));
  });
});
