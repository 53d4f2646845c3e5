import { expect } from 'vitest';
import type { ChatStreamError } from '../errors.ts';

/** Awaits `promise`, asserts it rejected with an Error, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<ChatStreamError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as ChatStreamError;
}
