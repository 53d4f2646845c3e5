import { memo, type NamedExoticComponent, type ReactNode } from 'react';
import { useChatMessageIds } from '@chatstream/react';
import { MessageRow, type MessageRowProps } from './message-row.tsx';

/** Props of {@link MessageRows}: what every row gets besides its ids. */
export type MessageRowsProps = Omit<MessageRowProps, 'id' | 'previousId'>;

/**
 * The transcript's rows, one per message id of the provided session. The list renders only when a
 * message arrives, leaves or moves, and each row follows its own message: a streamed token renders
 * one row. (Mapping 500 messages to memoised rows on every commit was about a fifth of React's
 * rendering time in a profile of the Chromium benchmark.)
 */
export const MessageRows: NamedExoticComponent<MessageRowsProps> = memo(function MessageRows(
  options: MessageRowsProps,
): ReactNode {
  const ids = useChatMessageIds();
  return ids.map((id, index) => <MessageRow key={id} id={id} previousId={ids[index - 1]} {...options} />);
});
