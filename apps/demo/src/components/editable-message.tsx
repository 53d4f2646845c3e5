import { useChatSelector, useChatSession } from '@chatstream/react';
import type { ChatInput, ChatSession, UserContentBlock } from '@chatstream/reader';
import { Message, type MessageProps } from '@chatstream/ui';
import { type FormEvent, type KeyboardEvent, type ReactNode, useState } from 'react';

function textOf(session: ChatSession, id: string): string {
  const message = session.getSnapshot().messages.find((item) => item.id === id);
  return (message?.content ?? [])
    .map((block) => (block.type === 'text' && typeof block['text'] === 'string' ? block['text'] : ''))
    .join('');
}

/** The message with its text replaced: attachments (images, documents) stay, ahead of the new text. */
function edited(session: ChatSession, id: string, text: string): ChatInput {
  const message = session.getSnapshot().messages.find((item) => item.id === id);
  const kept = (message?.content ?? []).filter((block) => block.type !== 'text') as UserContentBlock[];
  return kept.length ? [...kept, ...(text ? [{ type: 'text' as const, text }] : [])] : text;
}

function EditForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave: (text: string) => void;
  onCancel: () => void;
}): ReactNode {
  const [draft, setDraft] = useState(initial);
  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    if (draft.trim()) onSave(draft.trim());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Escape') onCancel();
    else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };
  return (
    <form className="edit-form" onSubmit={submit}>
      <textarea
        aria-label="Edit message"
        value={draft}
        rows={Math.min(8, draft.split('\n').length + 1)}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        // oxlint-disable-next-line jsx-a11y/no-autofocus -- the user just asked to edit this message
        autoFocus
      />
      <div className="edit-actions">
        <button type="button" className="text-button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary-button">
          Save & resend
        </button>
      </div>
    </form>
  );
}

/**
 * `ChatStream`'s `Message` part with an Edit action on user messages: the edited text replaces the
 * message, everything after it is dropped and the answer streams again (`ChatSession.edit`).
 */
export function EditableMessage(props: MessageProps): ReactNode {
  // The chat's session, shared with the parts by a ChatSessionProvider around <ChatStream>.
  const session = useChatSession();
  const idle = useChatSelector((state) => state.status !== 'submitted' && state.status !== 'streaming');
  const [editing, setEditing] = useState(false);
  const id = (props as MessageProps & { 'data-message-id'?: unknown })['data-message-id'];
  if (props.role !== 'user' || typeof id !== 'string') return <Message {...props} />;
  const { children, ...rest } = props;
  return (
    <Message {...rest} data-editing={editing || undefined}>
      {editing ? (
        <EditForm
          initial={textOf(session, id)}
          onCancel={() => setEditing(false)}
          onSave={(text) => {
            setEditing(false);
            void session.edit(id, edited(session, id, text)).catch(() => undefined);
          }}
        />
      ) : (
        children
      )}
      {editing || !idle ? null : (
        <div data-slot="message-actions" className="user-actions">
          <button type="button" data-slot="edit-button" onClick={() => setEditing(true)}>
            <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
              <path
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
                d="M4 20h4L19 9l-4-4L4 16v4ZM14 6l4 4"
              />
            </svg>
            <span>Edit</span>
          </button>
        </div>
      )}
    </Message>
  );
}
