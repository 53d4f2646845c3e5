export {
  createChatHandler,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_PING_INTERVAL_MS,
} from './create-chat-handler.ts';
export type { ChatHandler } from './create-chat-handler.ts';
export type {
  AnthropicClient,
  ChatHandlerOptions,
  RelayMetadata,
  RelayProtocol,
  RelayRequestBody,
  ResumeOptions,
} from './chat-handler-options.ts';
export type { AllowedTool, AllowedToolDefinition, MCPToolsetDefinition } from './allowed-tools.ts';
export { createMemoryResumeStore, type MemoryResumeStoreOptions } from './memory-resume-store.ts';
export type { Awaitable, KeptStreamInfo, ResumeSignal, ResumeStore, StoredEvents } from './resume-store.ts';
export { createRedisResumeStore } from './redis/redis-resume-store.ts';
export type { RedisResumeStoreOptions } from './redis/redis-resume-store.ts';
export { RedisTimeoutError } from './redis/redis-timeout.ts';
export { ioredisConnection, nodeRedisConnection } from './redis/redis-connection.ts';
export type {
  IORedisClient,
  IORedisSubscriber,
  NodeRedisClient,
  NodeRedisSubscriber,
  RedisConnection,
} from './redis/redis-connection.ts';
export type { RelayResult } from './relay-watch.ts';
export { UpstreamErrorEvent } from './upstream-error-event.ts';
export {
  DEFAULT_ALLOWED_PARAMS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MAX_TOKENS_CAP,
  validateChatRequest,
} from './validate-request.ts';
export type { ValidationResult } from './validate-request.ts';
export { errorBody, errorResponse } from './error-response.ts';
export type { AnthropicErrorBody } from './error-response.ts';
