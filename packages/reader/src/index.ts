// Wire types and snapshots
export type {
  APIErrorBody,
  BlockProgress,
  Citation,
  CitationsDelta,
  ContentBlock,
  ContentBlockDelta,
  ContentBlockDeltaEvent,
  ContentBlockStartEvent,
  ContentBlockStopEvent,
  ErrorEvent,
  InputJSONDelta,
  KnownBlockType,
  Message,
  MessageDeltaEvent,
  MessageSnapshot,
  MessageStartEvent,
  MessageStopEvent,
  MessageStreamEvent,
  OtherBlock,
  PingEvent,
  RedactedThinkingBlock,
  ServerSentEvent,
  SignatureDelta,
  StopReason,
  TextBlock,
  TextDelta,
  ThinkingBlock,
  ThinkingDelta,
  ToolUseBlock,
  Usage,
  ServerToolUsage,
} from './types.ts';

// Errors
export {
  AbortError,
  BufferLimitError,
  ChatStreamError,
  ConnectionError,
  HTTPError,
  IncompleteStreamError,
  isChatStreamError,
  ProtocolError,
  StreamEventError,
  TimeoutError,
} from './errors.ts';
export type {
  AnyChatStreamError,
  ChatStreamErrorKind,
  ChatStreamErrorOptions,
  HTTPErrorDetails,
  TimeoutPhase,
} from './errors.ts';

// SSE
export { createSSEParser, DEFAULT_SSE_MAX_BUFFER_SIZE } from './sse/sse-parser.ts';
export type { SSEParser, SSEParserCallbacks, SSEParserOptions } from './sse/sse-parser.ts';
export { createSSEDecoder } from './sse/sse-decoder.ts';
export type { SSEDecoder } from './sse/sse-decoder.ts';
export { parseSSEStream } from './sse/parse-sse-stream.ts';
export type { ParseSSEStreamOptions } from './sse/parse-sse-stream.ts';

// Partial JSON
export { createPartialJSONParser } from './partial-json/partial-json-parser.ts';
export type { PartialJSONParser } from './partial-json/partial-json-parser.ts';
export { JSONParseError } from './partial-json/json-parse-error.ts';

// Anthropic protocol
export { decodeAnthropicEvent } from './anthropic/decode-event.ts';
export { accumulateMessage } from './anthropic/accumulate-message.ts';
export { isToolBlock } from './anthropic/is-block.ts';
export { isBlock } from './anthropic/is-block.ts';
export { joinTextBlocks } from './anthropic/join-text-blocks.ts';
export { createTextJoiner, TEXT_AFTER_OTHER_BLOCKS } from './anthropic/text-joiner.ts';
export type { TextJoiner } from './anthropic/text-joiner.ts';
export type { BlockOfType, NarrowableBlockType } from './anthropic/is-block.ts';
export { createTextProtocolDecoder, TEXT_DONE_MARKER } from './text/text-protocol.ts';

// Streams
export { MessageStream } from './stream/message-stream.ts';
export type {
  MessageStreamInit,
  MessageStreamOptions,
  MessageStreamStatus,
} from './stream/message-stream.ts';
export type {
  MessageStreamEventName,
  MessageStreamListeners,
  RetryInfo,
} from './stream/message-stream-events.ts';
export type { StreamProtocol } from './stream/event-decoder.ts';
export type { StreamSource } from './stream/response-body.ts';
export type { StreamStats } from './stream/stream-stats.ts';
export { readMessageStream, readTextStream } from './stream/read-message-stream.ts';
export type { MessageStreamSource } from './stream/read-message-stream.ts';
export { readMessageEvents } from './stream/read-message-events.ts';
export type { MessageEventSink, ReadMessageEventsOptions } from './stream/read-message-events.ts';
export { MessageStreamStore } from './stream/message-stream-store.ts';
export type {
  MessageStreamState,
  MessageStreamStateStatus,
  MessageStreamStoreOptions,
} from './stream/message-stream-store.ts';

// Fetch
export { streamMessage } from './fetch/stream-message.ts';
export type { MessageRequest, StreamMessageOptions } from './fetch/stream-message.ts';
export { createRetryPolicy, isRetryable } from './fetch/retry-policy.ts';
export type { RetryOptions } from './fetch/retry-policy.ts';
export { createRequestQueue } from './fetch/request-queue.ts';
export type { RequestQueue } from './fetch/request-queue.ts';
export { checkResponse, retryAfterMs } from './fetch/check-response.ts';
export type { ErrorBodyOptions } from './fetch/read-error-body.ts';
export { abortableSleep } from './fetch/abortable-sleep.ts';
export {
  CANCEL_HEADER,
  PING_INTERVAL_HEADER,
  REPLAY_HEADER,
  RESUME_HEADER,
  STREAM_ID_HEADER,
} from './fetch/relay-headers.ts';

// Text
export { segmentText } from './text/segment-text.ts';
export type { TextGranularity } from './text/segment-text.ts';

// Attachments
export type {
  DocumentBlock,
  DocumentSource,
  ImageBlock,
  ImageMediaType,
  ImageSource,
} from './attachments/attachment-blocks.ts';
export { AttachmentError } from './attachments/attachment-error.ts';
export type { AttachmentErrorDetails, AttachmentErrorReason } from './attachments/attachment-error.ts';
export {
  DOCUMENT_MAX_BYTES,
  fileToContentBlock,
  IMAGE_MAX_BYTES,
} from './attachments/file-to-content-block.ts';
export type { FileToContentBlockOptions } from './attachments/file-to-content-block.ts';

// Conversation
export { ChatSession, createChatSession } from './session/chat-session.ts';
export { defineTool } from './session/define-tool.ts';
export type { StandardOutput, StandardToolSchema } from './session/standard-schema.ts';
export { ChatSessionError } from './session/chat-session-error.ts';
export { nextActions } from './session/next-actions.ts';
export type { NextActions } from './session/next-actions.ts';
export { retryCanHelp } from './session/retry-can-help.ts';
export { holdsToolResults } from './session/answer-predicates.ts';
export { reconnectOnReturn } from './session/reconnect-on-return.ts';
export { persistChat } from './session/persist-chat.ts';
export { readChat, restoreChat } from './session/restore-chat.ts';
export type { PersistChatOptions } from './session/persist-chat.ts';
export type { RestoredChat } from './session/restore-chat.ts';
export type {
  AsyncChatStorage,
  AsyncChatStorageOptions,
  ChatStorage,
  ChatStorageOptions,
} from './session/chat-storage.ts';
export type { PageSignals } from './session/page-signals.ts';
export type { ChatSessionErrorCode } from './session/chat-session-error.ts';
export { toAPIMessages } from './session/to-api-messages.ts';
export type { APIMessageParam } from './session/to-api-messages.ts';
export type {
  ChatInput,
  ChatMessage,
  ChatMessageStatus,
  ToolCallState,
  ToolResultBlock,
  UserContentBlock,
} from './session/chat-message.ts';
export type {
  ChatSessionOptions,
  ChatSessionSnapshot,
  ChatSessionStatus,
  ChatSettled,
  ChatUsage,
  ChatThrottle,
  ChatTool,
  ChatTransportRequest,
} from './session/chat-session-options.ts';
export type { ChatRequestOptions } from './session/request-body.ts';
export type { ScheduleFlush } from './session/notify-scheduler.ts';
export type { ExportedVersions, MessageVersion, MessageVersions } from './session/message-versions.ts';
