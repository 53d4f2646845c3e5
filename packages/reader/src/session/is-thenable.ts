/**
 * Whether `value` is a promise or another thenable: storages, tool checks and approvals may answer
 * at once or later, and what answers at once is taken without waiting a microtask.
 */
export const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';
