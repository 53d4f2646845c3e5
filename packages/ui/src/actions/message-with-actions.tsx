import { type ComponentType, type ReactNode, useEffect, useRef, useState } from 'react';
import { useChatMessage, useChatSelector, useChatSession } from '@chatstream/react';
import type { ChatInput, ChatMessage, ChatSession, UserContentBlock } from '@chatstream/reader';
import {
  answerTurn,
  Icon,
  replyStart,
  Message,
  type MessageProps,
  RegenerateButton,
  repeatsToolResults,
  useLabels,
} from '@chatstream/ui';
import { CopyButton } from './copy-button.tsx';
import { MessageEditForm } from './message-edit-form.tsx';
import { messageText } from './message-text.ts';
import { VersionSwitch } from './version-switch.tsx';

const PENCIL = 'M4 20h4L19 9l-4-4L4 16v4ZM14 6l4 4';

/**
 * The button to focus once the message a version switch brings in has mounted: another version is
 * another message (a row of its own), so the pressed button goes away with the one it replaced.
 */
const focusAfterSwitch = new WeakMap<ChatSession, { id: string; slot: string }>();

/**
 * The words of {@link createMessageWithActions}'s actions, for an app in another language. A word
 * given wins over the app's labels (`LabelsProvider` or `<ChatStream labels>`), which win over English.
 */
export interface MessageActionWords {
  copy: string;
  copied: string;
  copyFailed: string;
  regenerate: string;
  edit: string;
  /** Accessible name of the edit box. */
  editMessage: string;
  save: string;
  cancel: string;
  previousVersion: string;
  nextVersion: string;
  /** Name of the version switch, from the version shown counted from 1. */
  version: (shown: number, count: number) => string;
}

/** The message's blocks other than its text: its images and documents, above all. */
const nonText = (message: ChatMessage | undefined): UserContentBlock[] =>
  (message?.content ?? []).filter((block) => block.type !== 'text');

/** An edited message: the blocks kept, then its text (none when it is left empty). */
function editedInput(kept: UserContentBlock[], text: string): ChatInput {
  if (!kept.length) return text;
  return text ? [...kept, { type: 'text', text }] : kept;
}

/**
 * A {@link MessageWithActions} that speaks another language: the words given replace the app's
 * labels (`LabelsProvider` or `<ChatStream labels>`) and the English ones; the words not given come
 * from the labels. Create it once (module scope), as a part must keep its identity.
 *
 * @example
 * const MessageAvecActions = createMessageWithActions({ copy: 'Copier', edit: 'Modifier', … });
 * <ChatStream api="/api/chat" components={{ Message: MessageAvecActions }} />
 */
export function createMessageWithActions(
  words: { [Word in keyof MessageActionWords]?: MessageActionWords[Word] | undefined } = {},
): ComponentType<MessageProps> {
  return function MessageWithActions(props: MessageProps): ReactNode {
    const { children, ...rest } = props;
    // The parts take the app's labels for the words not given; only these two are spoken here.
    const t = useLabels();
    const regenerate = words.regenerate ?? t('Regenerate');
    const edit = words.edit ?? t('Edit');
    const found = (props as { 'data-message-id'?: unknown })['data-message-id'];
    const id = typeof found === 'string' ? found : '';
    const session = useChatSession();
    const message = useChatMessage(id);
    // A step of a reply that went on after its tools ran: the reply's last step has its actions.
    const goesOn = (props as { 'data-goes-on'?: unknown })['data-goes-on'] === true;
    const continues = (props as { 'data-continues'?: unknown })['data-continues'] === true;
    // A regenerated reply that ran tools keeps its versions on its first step; they are shown under
    // its last, with its other actions (under the first they sat mid-reply).
    const versionId = useChatSelector((state) =>
      continues ? (answerTurn(state.messages, id).find((step) => state.versions[step.id])?.id ?? id) : id,
    );
    const version = useChatSelector((state) => (goesOn ? undefined : state.versions[versionId]));
    // Only Edit and the version switch care; other rows would re-render as every answer starts and ends.
    const idle = useChatSelector(
      (state) =>
        (props.role !== 'user' && (goesOn || !state.versions[versionId])) ||
        state.status === 'ready' ||
        state.status === 'error',
    );
    // An earlier answer's Regenerate waits while another answer streams: the session would refuse it.
    const answering = useChatSelector(
      (state) => props.role === 'assistant' && (state.status === 'submitted' || state.status === 'streaming'),
    );
    // Where an answer stands, in one selector (every row runs it on every update): `last`, `drawn
    // last` (before a tool-result turn drawn as its cards), or `earlier`.
    const place = useChatSelector((state) => {
      if (props.role !== 'assistant') return undefined;
      const last = state.messages.at(-1);
      if (last?.id === id) return 'last';
      const before = state.messages.at(-2);
      return before?.id === id && last !== undefined && repeatsToolResults(last, before)
        ? 'drawn last'
        : 'earlier';
    });
    // An earlier answer gets its own Regenerate; the last one has `ChatStream`'s under it.
    const earlier = place === 'earlier' || place === 'drawn last';
    // Its actions stay shown without hover.
    const latest = place === 'last' || place === 'drawn last';
    const [editing, setEditing] = useState(false);
    const article = useRef<HTMLElement>(null);
    const editButton = useRef<HTMLButtonElement>(null);
    const returnFocus = useRef<'edit' | 'message' | undefined>(undefined);
    useEffect(() => {
      if (editing || !returnFocus.current) return;
      // The form held the focus: it goes back to Edit after a cancel, to the message after a save.
      (returnFocus.current === 'edit' ? editButton.current : article.current)?.focus();
      returnFocus.current = undefined;
    }, [editing]);
    useEffect(() => {
      const pending = focusAfterSwitch.get(session);
      if (pending?.id !== id) return;
      focusAfterSwitch.delete(session);
      article.current?.querySelector<HTMLElement>(`[data-slot="${pending.slot}"]`)?.focus();
    });

    if (!message || props.role === 'tool') return <Message {...props} />;
    // Not joined while it streams: a long answer would be joined again for every token.
    // Nothing to copy yet from a step whose tools still run or wait: the reply is not written.
    const unsettled = Object.values(message.toolCalls ?? {}).some(
      (call) => call.status === 'running' || call.status.startsWith('awaiting'),
    );
    const whole = message.status !== 'streaming' && !goesOn && !unsettled;
    const text = whole ? messageText(message) : '';
    // The whole reply: the steps before this one too, joined only when copied.
    const copied = continues
      ? () => answerTurn(session.getSnapshot().messages, id).map(messageText).filter(Boolean).join('\n\n')
      : text;
    const copyable = whole && (text !== '' || continues);
    const editable = props.role === 'user' && idle;
    // Read when the row renders: an answer with no question before its reply (a greeting put
    // first) cannot be asked again, so it gets no Regenerate that would do nothing.
    const start =
      earlier && !goesOn && message.status !== 'streaming'
        ? replyStart(session.getSnapshot().messages, id)
        : undefined;
    const regenerable = start !== undefined;
    const show = (index: number): void => {
      const at = session.getMessageIds().indexOf(versionId);
      const slot = version && index < version.index ? 'version-previous' : 'version-next';
      try {
        session.showVersion(versionId, index);
      } catch {
        // A response began between the render and the press: the switch is disabled again already.
        return;
      }
      const messages = session.getSnapshot().messages;
      const shown = messages[at]?.id;
      // The version shown may be a reply that ran tools: its switch is under its last step.
      if (shown !== undefined) {
        focusAfterSwitch.set(session, { id: answerTurn(messages, shown).at(-1)?.id ?? shown, slot });
      }
    };
    const close = (next: 'edit' | 'message'): void => {
      returnFocus.current = next;
      setEditing(false);
    };
    const actions = [version, copyable, regenerable, editable].filter(Boolean).length;
    return (
      <Message
        ref={article}
        tabIndex={-1}
        {...rest}
        data-editing={editing || undefined}
        // Styles read these rather than find them with `:has()`, which made Chromium restyle the
        // whole transcript whenever a message was added.
        data-action-count={editing ? 0 : actions}
        data-latest={latest || undefined}
      >
        {editing ? (
          <MessageEditForm
            initial={text}
            attachments={nonText(message)}
            saveLabel={words.save}
            cancelLabel={words.cancel}
            inputLabel={words.editMessage}
            onCancel={() => close('edit')}
            // The session would refuse an edit while another answer streams, and the text typed be lost.
            busy={!idle}
            onSave={(next, kept) => {
              close('message');
              // A failure shows as the chat's error, with Retry.
              session.edit(message.id, editedInput(kept, next)).catch(() => undefined);
            }}
          />
        ) : (
          children
        )}
        {editing || !(copyable || editable || regenerable || version) ? null : (
          <div data-slot="message-actions">
            {version ? (
              <VersionSwitch
                index={version.index}
                count={version.count}
                onShow={show}
                disabled={!idle}
                previousLabel={words.previousVersion}
                nextLabel={words.nextVersion}
                describe={words.version}
              />
            ) : null}
            {copyable ? (
              <CopyButton
                text={copied}
                label={words.copy}
                copiedLabel={words.copied}
                failedLabel={words.copyFailed}
              />
            ) : null}
            {regenerable ? (
              <RegenerateButton
                title={regenerate}
                disabled={answering}
                onClick={() => void session.regenerate(start).catch(() => undefined)}
              >
                {regenerate}
              </RegenerateButton>
            ) : null}
            {editable ? (
              <button
                ref={editButton}
                type="button"
                data-slot="edit-button"
                title={edit}
                onClick={() => setEditing(true)}
              >
                <Icon d={PENCIL} />
                <span data-slot="button-label">{edit}</span>
              </button>
            ) : null}
          </div>
        )}
      </Message>
    );
  };
}

/**
 * `ChatStream`'s `Message` part with actions: Copy on every message with text (an answer once it
 * has finished streaming, as markdown), Regenerate on earlier answers (the last one has
 * `ChatStream`'s), and Edit on the person's messages while nothing streams.
 * Edit replaces the text in place, keeps the message's attachments, drops everything after it and
 * asks again (`ChatSession.edit`). A message that was edited or regenerated gets "‹ 2 / 2 ›" to go
 * back to its earlier versions, each with what followed it (`ChatSession.showVersion`).
 *
 * It reads the message from the chat's session, which `ChatStream` provides; elsewhere, put it
 * inside a `ChatSessionProvider` and pass the message id as `data-message-id`.
 *
 * @example
 * import { MessageWithActions } from '@chatstream/ui/actions';
 * <ChatStream api="/api/chat" components={{ Message: MessageWithActions }} />
 */
export const MessageWithActions: ComponentType<MessageProps> = /* @__PURE__ */ createMessageWithActions();
