import type { ComponentType } from 'react';
import type { ChatInput } from '@chatstream/reader';
import { Announcer, type AnnouncerProps } from './announcer.tsx';
import { Composer, type ComposerProps } from './composer.tsx';
import { EmptyState, type EmptyStateProps } from './empty-state.tsx';
import { ErrorNotice, type ErrorNoticeProps } from './error-notice.tsx';
import { MessageContent, type MessageContentProps } from './message-content.tsx';
import { MessageList, type MessageListProps } from './message-list.tsx';
import { Message, type MessageProps } from './message.tsx';
import { RegenerateButton, type RegenerateButtonProps } from './regenerate-button.tsx';
import { StopButton, type StopButtonProps } from './stop-button.tsx';
import { StopNotice, type StopNoticeProps } from './stop-notice.tsx';
import { StreamStats, type StreamStatsProps } from './stream-stats.tsx';
import { TypingIndicator, type TypingIndicatorProps } from './typing-indicator.tsx';

/** The parts `ChatStream` is made of; replace any of them through its `components` prop. */
export interface ChatStreamComponents {
  MessageList: ComponentType<MessageListProps>;
  Message: ComponentType<MessageProps>;
  MessageContent: ComponentType<MessageContentProps>;
  /** Handed `onSend` that takes content blocks as well as text, so `AttachmentComposer` fits. */
  Composer: ComponentType<Omit<ComposerProps, 'onSend'> & { onSend: (input: ChatInput) => unknown }>;
  StopButton: ComponentType<StopButtonProps>;
  RegenerateButton: ComponentType<RegenerateButtonProps>;
  ErrorNotice: ComponentType<ErrorNoticeProps>;
  StopNotice: ComponentType<StopNoticeProps>;
  StreamStats: ComponentType<StreamStatsProps>;
  TypingIndicator: ComponentType<TypingIndicatorProps>;
  EmptyState: ComponentType<EmptyStateProps>;
  Announcer: ComponentType<AnnouncerProps>;
}

/** The parts `ChatStream` uses unless told otherwise. */
export const defaultChatStreamComponents: ChatStreamComponents = {
  MessageList,
  Message,
  MessageContent,
  Composer,
  StopButton,
  RegenerateButton,
  ErrorNotice,
  StopNotice,
  StreamStats,
  TypingIndicator,
  EmptyState,
  Announcer,
};
