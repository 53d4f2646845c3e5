import { createContext, createElement, type ReactNode, useContext } from 'react';
import type { ChatSession } from '@chatstream/reader';
import { RestoringSessionContext } from './restoring-session-context.ts';
import { type ChatSessionInstanceOptions, useChatSessionInstance } from './use-chat-session-instance.ts';

const ChatSessionContext = /* @__PURE__ */ createContext<ChatSession | undefined>(undefined);

/** Props of {@link ChatSessionProvider}: an existing `chat`, or options to create one. */
export interface ChatSessionProviderProps extends ChatSessionInstanceOptions {
  /** The components that share the session. */
  children?: ReactNode | undefined;
}

/**
 * Shares one chat session with every component below it (`useChatSession`, `useChatSelector`).
 * Given `chat`, it shares that session; otherwise it creates one from its other props, keeps it for
 * its lifetime, passes later prop changes to it and aborts its request on unmount. With `persist`,
 * `useStreamingChat({ chat: useChatSession() })` below it reads `restoring` as true until the saved
 * conversation is read (after hydration), so a welcome can wait for it.
 *
 * @example
 * const { chat } = useStreamingChat({ api: '/api/chat' });
 * <ChatSessionProvider chat={chat}><Transcript /><Composer /></ChatSessionProvider>
 */
export function ChatSessionProvider(props: ChatSessionProviderProps): ReactNode {
  const { children, ...options } = props;
  const { session, restoring } = useChatSessionInstance(options);
  const restoringAbove = useContext(RestoringSessionContext);
  return createElement(
    ChatSessionContext.Provider,
    { value: session },
    createElement(
      RestoringSessionContext.Provider,
      { value: restoring ? session : restoringAbove },
      children,
    ),
  );
}

/**
 * The session of the nearest `ChatSessionProvider`.
 *
 * @throws when there is none, since silently creating a private session would split the conversation.
 * @example
 * const { send } = useStreamingChat({ chat: useChatSession() });
 */
export function useChatSession(): ChatSession {
  const chat = useOptionalChatSession();
  if (!chat) throw new Error('useChatSession must be used inside a <ChatSessionProvider>');
  return chat;
}

/** The provided session, or undefined outside any provider. */
export function useOptionalChatSession(): ChatSession | undefined {
  return useContext(ChatSessionContext);
}

/** `chat`, else the provided session; `hook` names the caller in the error when there is neither. */
export function useChatSessionOrProvided(chat: ChatSession | undefined, hook: string): ChatSession {
  const provided = useOptionalChatSession();
  const session = chat ?? provided;
  if (!session) throw new Error(`${hook} needs a <ChatSessionProvider> or a chat argument`);
  return session;
}
