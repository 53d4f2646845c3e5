export {
  createChatHandler,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PING_INTERVAL_MS,
} from './create-chat-handler.ts';
export type { ChatHandler } from './create-chat-handler.ts';
export type { ChatHandlerOptions, RelayProtocol, RelayRequestBody } from './chat-handler-options.ts';
export type { RelayResult } from './relay-watch.ts';
export {
  DEFAULT_ALLOWED_PARAMS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MAX_TOKENS_CAP,
  validateChatRequest,
} from './validate-request.ts';
export type { ValidationResult } from './validate-request.ts';
export { errorBody, errorResponse } from './error-response.ts';
export type { AnthropicErrorBody } from './error-response.ts';
