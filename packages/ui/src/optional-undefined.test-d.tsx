import { describe, expectTypeOf, it } from 'vitest';
import type {
  AttachmentComposerProps,
  AttachmentListProps,
  AttachmentOptions,
  DocumentBlockProps,
  ImageBlockProps,
} from './attachments/index.ts';
import {
  type CopyButtonProps,
  createMessageWithActions,
  type MessageEditFormProps,
  type VersionSwitchProps,
} from './actions/index.ts';
import { ChatStream } from './index.ts';
import type {
  AnnouncerProps,
  BlockRendererProps,
  BlockRenderers,
  ChatStreamOwnProps,
  ChatStreamProps,
  CitationsProps,
  ComposerProps,
  EmptyStateProps,
  ErrorNoticeProps,
  FallbackBlockProps,
  Labels,
  LabelsProviderProps,
  MessageContentProps,
  MessageListProps,
  MessageProps,
  RegenerateButtonProps,
  StopButtonProps,
  StopNoticeProps,
  StreamStatsProps,
  TextBlockProps,
  ThinkingBlockProps,
  ToolResultBlockProps,
  ToolUseBlockProps,
  TypingIndicatorProps,
} from './index.ts';
import type {
  CodeBlockProps,
  MarkdownComponents,
  MarkdownProps,
  MarkdownRenderTextOptions,
} from './markdown/index.ts';
import type { RevealPace, SmoothTextProps } from './smooth/index.ts';
import type { BrowserSpeechOptions, ReadAloudOptions, SentenceSpeakerOptions } from './speech/index.ts';
import type { RefusingUndefined } from '../../../tests/types/refusing-undefined.ts';

describe('props under exactOptionalPropertyTypes', () => {
  it('take an explicit undefined wherever a prop may be left out', () => {
    expectTypeOf<RefusingUndefined<ChatStreamProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ChatStreamOwnProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<NonNullable<ChatStreamProps['components']>>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<BlockRenderers>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<BlockRendererProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<Labels>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<LabelsProviderProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageListProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageContentProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ComposerProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<StopButtonProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<RegenerateButtonProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ErrorNoticeProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<StopNoticeProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<StreamStatsProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<TypingIndicatorProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<EmptyStateProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<AnnouncerProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<CitationsProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<FallbackBlockProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<TextBlockProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ThinkingBlockProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ToolUseBlockProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ToolResultBlockProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MarkdownComponents>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MarkdownProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MarkdownRenderTextOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<CodeBlockProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<RevealPace>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<SmoothTextProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ReadAloudOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<BrowserSpeechOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<SentenceSpeakerOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<AttachmentComposerProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<AttachmentListProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<AttachmentOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ImageBlockProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<DocumentBlockProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<CopyButtonProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageEditFormProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<VersionSwitchProps>>().toEqualTypeOf<never>();
    type Words = NonNullable<Parameters<typeof createMessageWithActions>[0]>;
    expectTypeOf<RefusingUndefined<Words>>().toEqualTypeOf<never>();
  });

  it('take a config whose fields may be undefined, as the issue reported', () => {
    const cfg = {} as { model?: string; maxTokens?: number; placeholder?: string };
    expectTypeOf(ChatStream).toBeCallableWith({
      api: '/api/chat',
      model: cfg.model,
      maxTokens: cfg.maxTokens,
      placeholder: cfg.placeholder,
      components: { Composer: undefined },
      renderers: { text: undefined, fallback: undefined },
    });
  });
});
