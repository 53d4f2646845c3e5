import { memo, type NamedExoticComponent, type ReactNode } from 'react';
import { useChatMessageIds } from '@chatstream/react';
import { MessageRow, type MessageRowProps } from './message-row.tsx';

/** Props of {@link MessageRows}: what every row gets besides its ids. */
export type MessageRowsProps = Omit<MessageRowProps, 'id' | 'previousId' | 'nextId' | 'laterId'>;

/**
 * The transcript's rows, one per message id of the provided session. The list renders only when a
 * message arrives, leaves or moves, and each row follows its own message: a streamed token renders
 * one row, instead of every row compared on every commit (with plain text in chunks, about
 * 10 % less scripting below 500 messages in the Chromium benchmark).
 */
export const MessageRows: NamedExoticComponent<MessageRowsProps> = /* @__PURE__ */ memo(function MessageRows(
  options: MessageRowsProps,
): ReactNode {
  const ids = useChatMessageIds();
  return ids.map((id, index) => (
    <MessageRow
      key={id}
      id={id}
      previousId={ids[index - 1]}
      nextId={ids[index + 1]}
      laterId={ids[index + 2]}
      {...options}
    />
  ));
});
