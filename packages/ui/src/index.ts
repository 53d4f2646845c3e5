'use client';

// Every top-level forwardRef, memo and createContext call is marked /* @__PURE__ */: one file holds
// the whole entry, so without the marks a bundler keeps every part once any one is imported.

// The drop-in
export { ChatStream } from './chat-stream.tsx';
export type { ChatStreamOwnProps, ChatStreamProps } from './chat-stream.tsx';
export { defaultChatStreamComponents } from './chat-stream-components.ts';
export type { ChatStreamComponents } from './chat-stream-components.ts';

// Other languages
export { LabelsProvider, useLabels } from './labels.tsx';
export type { ChatLabelKey } from './chat-label-keys.ts';
export type { LabelKey, Labels, LabelsProviderProps, LabelValues, Translate } from './labels.tsx';
export type { ActionLabelKey } from './actions/action-label-keys.ts';
export type { AttachmentLabelKey } from './attachments/attachment-label-keys.ts';
export type { MarkdownLabelKey } from './markdown/markdown-label-keys.ts';

// Parts
export { MessageList } from './message-list.tsx';
export type { MessageListProps } from './message-list.tsx';
export { Message } from './message.tsx';
export type { MessageProps, MessageRole } from './message.tsx';
export { MessageContent } from './message-content.tsx';
export { repeatsToolResults } from './message-row.tsx';
export type { MessageContentProps } from './message-content.tsx';
export { Composer } from './composer.tsx';
export type { ComposerProps } from './composer.tsx';
export { StopButton } from './stop-button.tsx';
export type { StopButtonProps } from './stop-button.tsx';
export { RegenerateButton } from './regenerate-button.tsx';
export type { RegenerateButtonProps } from './regenerate-button.tsx';
export { ErrorNotice } from './error-notice.tsx';
export type { ErrorNoticeProps } from './error-notice.tsx';
export { StopNotice } from './stop-notice.tsx';
export type { StopNoticeProps } from './stop-notice.tsx';
export { describeError } from './describe-error.ts';
// Moved to the reader (headless UIs need it too); still exported here.
export { retryCanHelp } from '@chatstream/reader';
export { answerToLastQuestion } from './answer-to-last-question.ts';
export { answerTurn, replyStart } from './answer-turn.ts';
export { showHiddenCharacters } from './hidden-characters.ts';
export type { ErrorDescription } from './describe-error.ts';
export { StreamStats } from './stream-stats.tsx';
export type { StreamStatsProps } from './stream-stats.tsx';
export { describeRetry, TypingIndicator } from './typing-indicator.tsx';
export type { TypingIndicatorProps } from './typing-indicator.tsx';
export { EmptyState } from './empty-state.tsx';
export type { EmptyStateProps } from './empty-state.tsx';
export { Announcer } from './announcer.tsx';
export type { AnnouncerProps } from './announcer.tsx';
export { createSpokenTextReader, describeCode, spokenText, withoutEmphasis } from './spoken-text.ts';
export type { DescribeCode, SpokenTextReader } from './spoken-text.ts';

// Blocks
export type { BlockRenderer, BlockRendererProps, BlockRenderers, RenderedBlocks } from './block-props.ts';
export {
  Citations,
  CodeExecutionResultBlock,
  ContainerUploadBlock,
  isFailedRun,
  defaultBlockRenderers,
  drawsCitationMarks,
  renderCitationMarks,
  withCitationMarks,
  FallbackBlock,
  RedactedThinkingBlock,
  ServerToolUseBlock,
  TextBlock,
  ThinkingBlock,
  thinkingSummary,
  ToolResultBlock,
  ToolSearchResultBlock,
  toolStateLabels,
  toolUseState,
  ToolUseBlock,
  WebFetchResultBlock,
  WebSearchResultBlock,
} from './blocks/index.ts';
export type {
  BlockPartProps,
  CitationsProps,
  CodeExecutionResultBlockProps,
  ContainerUploadBlockProps,
  TextRunPart,
  FallbackBlockProps,
  RedactedThinkingBlockProps,
  ServerToolState,
  ServerToolUseBlockProps,
  TextBlockProps,
  ThinkingBlockProps,
  ToolResultBlockProps,
  ToolSearchResultBlockProps,
  ToolUseBlockProps,
  ToolUseState,
  WebFetchResultBlockProps,
  WebSearchResultBlockProps,
} from './blocks/index.ts';

// Utilities
export { cx } from './cx.ts';
export { Icon } from './icons.tsx';
export type { IconName } from './icons.tsx';
