import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import type { ChatSession, ChatSessionSnapshot } from '@chatstream/reader';
import { useChatSessionOrProvided } from './chat-session-context.ts';

/**
 * Reads one slice of the shared session's state and re-renders only when that slice changes
 * (compared with `isEqual`, default `Object.is`). Unchanged messages keep their identity, so a
 * row that selects its own message does not re-render while another message streams — but every
 * selector runs on every published change; for message rows prefer `useChatMessage`, whose
 * cost per streamed token does not grow with the conversation.
 *
 * Pass `chat` to read a session that is not provided through context.
 *
 * @example
 * const MessageRow = memo(function MessageRow({ index }: { index: number }) {
 *   const message = useChatSelector((state) => state.messages[index]);
 *   return <li>{render(message)}</li>;
 * });
 */
export function useChatSelector<Selected>(
  selector: (state: ChatSessionSnapshot) => Selected,
  isEqual: (a: Selected, b: Selected) => boolean = Object.is,
  chat?: ChatSession,
): Selected {
  const session = useChatSessionOrProvided(chat, 'useChatSelector');
  // The last value rendered, so a new inline selector still compares against it.
  const rendered = useRef<{ value: Selected } | undefined>(undefined);
  const getSelection = useMemo(() => {
    let memo: { snapshot: ChatSessionSnapshot; value: Selected } | undefined;
    return (): Selected => {
      const snapshot = session.getSnapshot();
      if (memo?.snapshot === snapshot) return memo.value;
      const selected = selector(snapshot);
      const previous = memo ?? rendered.current;
      const value = previous && isEqual(previous.value, selected) ? previous.value : selected;
      memo = { snapshot, value };
      return value;
    };
  }, [session, selector, isEqual]);
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  const value = useSyncExternalStore(subscribe, getSelection, getSelection);
  useEffect(() => {
    rendered.current = { value };
  }, [value]);
  return value;
}
