'use client';

// What the hooks hand out is the reader's (a dependency of this package): rendering messages and
// typing them needs no import from a package the app did not install itself.
export {
  createRequestQueue,
  defineTool,
  fileToContentBlock,
  holdsToolResults,
  isBlock,
  joinTextBlocks,
  nextActions,
  retryCanHelp,
} from '@chatstream/reader';
export type {
  AnyChatStreamError,
  ChatInput,
  ChatMessage,
  ChatMessageStatus,
  ChatSession,
  ChatSessionStatus,
  ChatStreamError,
  ChatTool,
  ContentBlock,
  NextActions,
  OtherBlock,
  RequestQueue,
  RedactedThinkingBlock,
  TextBlock,
  ThinkingBlock,
  ToolCallState,
  ToolUseBlock,
  UserContentBlock,
} from '@chatstream/reader';

// Hooks
export { useStreamingChat } from './use-streaming-chat.ts';
export type { UseStreamingChatOptions, UseStreamingChatResult } from './use-streaming-chat.ts';
export type { ChatActions } from './chat-actions.ts';
export { splitChatOptions } from './split-chat-options.ts';
export type { ChatSessionInstanceOptions } from './use-chat-session-instance.ts';
export { ChatSessionProvider, useChatSession, useOptionalChatSession } from './chat-session-context.ts';
export type { ChatSessionProviderProps } from './chat-session-context.ts';
export { useChatSelector } from './use-chat-selector.ts';
export { useChatMessage } from './use-chat-message.ts';
export { useChatMessageIds } from './use-chat-message-ids.ts';
export { useMessageStream } from './use-message-stream.ts';
export type { UseMessageStreamOptions, UseMessageStreamResult } from './use-message-stream.ts';
export type {
  MessageStreamState,
  MessageStreamStateStatus,
  MessageStreamStoreOptions,
} from '@chatstream/reader';
