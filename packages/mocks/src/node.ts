import { setupServer, type SetupServer } from 'msw/node';
import { type ChatHandlers, type ChatHandlersOptions, createChatHandlers } from './msw/chat-handlers.ts';

export { createChatHandlers } from './msw/chat-handlers.ts';
export type { ChatHandlers, ChatHandlersOptions } from './msw/chat-handlers.ts';
export type { ResumeOptions, StreamStorage } from './msw/kept-streams.ts';
export type { RequestRecord } from './request-log.ts';

/** The MSW server for Node plus the chat handlers' controls. */
export interface ChatServer extends ChatHandlers {
  /** Call `listen()` before the tests and `close()` after them. */
  readonly server: SetupServer;
}

/**
 * An MSW `setupServer` (Node, Vitest, Jest) with the chat handlers installed.
 *
 * @example
 * const chat = setupChatServer({ timing: 'instant' });
 * beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
 * afterEach(() => chat.reset());
 * afterAll(() => chat.server.close());
 */
export function setupChatServer(options: ChatHandlersOptions = {}): ChatServer {
  const chat = createChatHandlers(options);
  return { ...chat, server: setupServer(...chat.handlers) };
}
