export type { MessageSnapshot } from './types.ts';
export { ChatStreamError } from './errors.ts';
