import { type ReactNode, useEffect, useState } from 'react';
import type { ChatMessage } from '@chatstream/reader';
import { type UseStreamingChatOptions, useStreamingChat } from '../use-streaming-chat.ts';

/** The text of a message's text blocks. */
export function textOf(message: ChatMessage): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

/**
 * A minimal chat UI over `useStreamingChat`, queried by role in the tests. `onCommit` hears the
 * session of every committed render (React 18's StrictMode also renders a discarded instance).
 */
export function ChatApp(props: UseStreamingChatOptions & { onCommit?: (chat: unknown) => void }): ReactNode {
  const { onCommit, ...options } = props;
  const { messages, status, error, send, stop, chat } = useStreamingChat(options);
  const [draft, setDraft] = useState('Hello');
  useEffect(() => {
    onCommit?.(chat);
  });
  return (
    <div>
      <ul role="log" aria-busy={status === 'streaming'}>
        {messages.map((message) => (
          <li key={message.id} data-status={message.status}>
            {message.role}: {textOf(message)}
          </li>
        ))}
      </ul>
      <p role="status">{status}</p>
      {error ? <p role="alert">{error.name}</p> : null}
      <input aria-label="Message" value={draft} onChange={(event) => setDraft(event.target.value)} />
      <button type="button" onClick={() => void send(draft).catch(() => undefined)}>
        Send
      </button>
      <button type="button" onClick={() => void stop()}>
        Stop
      </button>
    </div>
  );
}
