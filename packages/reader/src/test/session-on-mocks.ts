import { setupChatServer } from '@chatstream/mocks/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ChatSessionOptions } from '../session/chat-session-options.ts';
import { type ChatSession, createChatSession } from '../session/chat-session.ts';

/** Where the mocks' chat handlers answer in these tests. */
export const CHAT_API = 'http://chat.test/api/chat';

/**
 * The mocks' chat handlers, listening for the tests of the file that calls it (reset after each),
 * and a session against them: unbatched, without retries, with `defaults` under each test's options.
 */
export function sessionsOnMocks(defaults: ChatSessionOptions = {}): {
  chat: ReturnType<typeof setupChatServer>;
  session: (options?: ChatSessionOptions) => ChatSession;
} {
  const chat = setupChatServer({ timing: 'instant' });
  beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => chat.reset());
  afterAll(() => chat.server.close());
  const session = (options: ChatSessionOptions = {}): ChatSession =>
    createChatSession({ api: CHAT_API, throttle: false, retry: false, ...defaults, ...options });
  return { chat, session };
}
