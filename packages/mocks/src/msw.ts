export { createChatHandlers } from './msw/chat-handlers.ts';
export type { ChatHandlers, ChatHandlersOptions } from './msw/chat-handlers.ts';
export type { ResumeOptions, StreamStorage } from './msw/kept-streams.ts';
export type { RequestRecord } from './request-log.ts';
