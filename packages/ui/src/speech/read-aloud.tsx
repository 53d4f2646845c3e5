import { holdsToolResults } from '@chatstream/reader';
import { useOptionalChatSession } from '@chatstream/react';
import { Announcer, type AnnouncerProps } from '@chatstream/ui';
import { forwardRef, type ForwardRefExoticComponent, type RefAttributes, useMemo } from 'react';
import { type ReadAloudOptions, useReadAloud } from './use-read-aloud.ts';

/** A part that takes `<ChatStream>`'s `Announcer` place. */
export type ReadAloudComponent = ForwardRefExoticComponent<AnnouncerProps & RefAttributes<HTMLDivElement>>;

/**
 * An `Announcer` that also reads each answer aloud as it streams (see {@link useReadAloud}), for
 * `<ChatStream components={{ Announcer: … }}>`. Screen readers still hear the polite live region as
 * before. The next turn of a tool loop is read after the turn before it; a new question cuts the
 * previous answer off as it is sent; stopping the answer, or swapping it back for `Announcer`,
 * stops reading at once.
 *
 * @example
 * const ReadAloudFrench = createReadAloud({ lang: 'fr-FR', rate: 1.1 });
 * <ChatStream api="/api/chat" components={{ Announcer: readAloud ? ReadAloudFrench : Announcer }} />
 */
export function createReadAloud(options: ReadAloudOptions = {}): ReadAloudComponent {
  return forwardRef<HTMLDivElement, AnnouncerProps>(function ReadAloud(props, ref) {
    const { text, streaming, busy, messageId } = props;
    // Inside <ChatStream> the session says whether the answer was stopped (a stop silences it) and
    // whether it is the next turn of a tool loop (read after the turn before, which it continues).
    const chat = useOptionalChatSession();
    // The person asking something new silences the answer before, though it finished streaming.
    const last = chat?.getSnapshot().messages.at(-1);
    const stopped =
      (!streaming && messageId !== undefined && chat?.getMessage(messageId)?.status === 'aborted') ||
      (last?.role === 'user' && !holdsToolResults(last));
    // Looked up once per answer, not on each of its renders.
    const continues = useMemo(() => {
      const messages = chat?.getSnapshot().messages;
      const before = messages?.[messages.findIndex((message) => message.id === messageId) - 1];
      return holdsToolResults(before);
    }, [chat, messageId]);
    useReadAloud(
      text,
      streaming,
      messageId,
      {
        ...options,
        // The options' own, unless they leave them out (or set them to `undefined`).
        locale: options.locale ?? props.locale,
        describeCode: options.describeCode ?? props.describeCode,
      },
      { stopped, continues, busy },
    );
    return <Announcer ref={ref} {...props} />;
  });
}

/** {@link createReadAloud} with the browser's voice for the page's language. */
export const ReadAloud: ReadAloudComponent = createReadAloud();
