import { type Context, createContext } from 'react';
import type { ChatSession } from '@chatstream/reader';

/**
 * The session a `ChatSessionProvider` above has not restored yet (its `persist` conversation is
 * read after hydration), so a hook given that session as `chat` reports `restoring` as its owner
 * does. Undefined when no provider above is restoring.
 */
export const RestoringSessionContext: Context<ChatSession | undefined> = /* @__PURE__ */ createContext<
  ChatSession | undefined
>(undefined);
