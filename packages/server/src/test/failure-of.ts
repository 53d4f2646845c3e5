import type { ChatStreamError } from '@chatstream/reader';

/** The error `promise` rejects with; fails the test when it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<ChatStreamError> {
  try {
    await promise;
  } catch (error) {
    return error as ChatStreamError;
  }
  throw new Error('expected a failure');
}
