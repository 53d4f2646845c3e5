import { ChatStreamError } from '../errors.ts';

/** What a session refused or stopped for. */
export type ChatSessionErrorCode =
  | 'busy'
  | 'empty-message'
  | 'max-steps'
  | 'setup'
  | 'storage'
  | 'unknown-message'
  | 'unknown-tool-call';

/**
 * A conversation-level failure (kind `'session'`): a request while another one streams (`busy`),
 * a message with nothing in it, or a conversation with nothing left to send (`empty-message`: the API
 * would refuse it), the tool loop reaching
 * `maxSteps` (`max-steps`), an id that names no suitable message or tool call, a saved conversation
 * that could not be read or saved (`storage`, with the storage's own error as `cause`), a request
 * that could not be made (`setup`: no `fetch` in the environment, a relative `api` with no page to
 * resolve it, a header no request can carry, a `transport` or `generateId` that threw; its error as
 * `cause`).
 */
export class ChatSessionError extends ChatStreamError {
  override name = 'ChatSessionError';
  declare readonly kind: 'session';
  /** Which rule was hit. */
  declare readonly code: ChatSessionErrorCode;

  constructor(code: ChatSessionErrorCode, message: string, cause?: unknown) {
    super('session', message, { cause });
    this.code = code;
  }
}
