import type { AnyChatStreamError, ChatMessage, ChatSession, ChatSessionStatus } from '@chatstream/reader';
import { describe, expectTypeOf, it } from 'vitest';
import {
  useChatMessage,
  useChatSelector,
  useOptionalChatSession,
  splitChatOptions,
  useStreamingChat,
  type UseStreamingChatOptions,
  type UseStreamingChatResult,
} from './index.ts';
import { type StreamedMessage, useStreamingQuery } from './query.ts';
import type { CHAT_OPTION_KEYS } from './split-chat-options.ts';

describe('useStreamingChat', () => {
  it('gives the snapshot and the commands their types', () => {
    expectTypeOf<UseStreamingChatResult['status']>().toEqualTypeOf<ChatSessionStatus>();
    expectTypeOf<ChatSessionStatus>().toEqualTypeOf<'ready' | 'submitted' | 'streaming' | 'error'>();
    expectTypeOf<UseStreamingChatResult['messages']>().toEqualTypeOf<readonly ChatMessage[]>();
    expectTypeOf<UseStreamingChatResult['error']>().toEqualTypeOf<AnyChatStreamError | undefined>();
    expectTypeOf<UseStreamingChatResult['send']>()
      .parameter(0)
      .toEqualTypeOf<Parameters<UseStreamingChatResult['chat']['send']>[0]>();
  });

  it('takes the session options, tools with typed inputs among them', () => {
    expectTypeOf(useStreamingChat).toBeCallableWith({
      api: '/api/chat',
      tools: {
        get_weather: {
          inputSchema: { type: 'object' },
          execute: ({ city }: { city: string }) => city,
        },
      },
      throttle: 'frame',
    });
    // @ts-expect-error: throttle is a frame, milliseconds, false or a scheduler
    expectTypeOf(useStreamingChat).toBeCallableWith({ throttle: 'fast' });
  });

  it('keeps the conversation under a storage key', () => {
    expectTypeOf(useStreamingChat).toBeCallableWith({ api: '/api/chat', persist: 'chat' });
    // @ts-expect-error: the key is a string
    expectTypeOf(useStreamingChat).toBeCallableWith({ persist: true });
  });
});

describe('selectors', () => {
  it('returns what the selector returns', () => {
    expectTypeOf(useChatSelector((state) => state.messages.length)).toEqualTypeOf<number>();
    expectTypeOf(useChatSelector((state) => state.status === 'streaming')).toEqualTypeOf<boolean>();
    expectTypeOf(useChatMessage('id')).toEqualTypeOf<ChatMessage | undefined>();
    expectTypeOf(useOptionalChatSession()).toEqualTypeOf<ChatSession | undefined>();
  });
});

describe('useStreamingQuery', () => {
  it('types the data as the message so far and the error as a chatstream error', () => {
    const query = useStreamingQuery({
      queryKey: ['answer', 1] as const,
      request: { url: '/api/chat', body: {} },
    });
    expectTypeOf(query.data).toEqualTypeOf<StreamedMessage | undefined>();
    expectTypeOf(query.error).toEqualTypeOf<AnyChatStreamError | null>();
  });
});

describe('splitChatOptions', () => {
  it('knows every option of useStreamingChat, so none reaches the rest', () => {
    type Missing = Exclude<keyof UseStreamingChatOptions, (typeof CHAT_OPTION_KEYS)[number]>;
    expectTypeOf<Missing>().toEqualTypeOf<never>();
  });

  it('types the rest as the props without the options', () => {
    const [options, rest] = splitChatOptions({ api: '/api/chat', className: 'chat', showStats: true });
    expectTypeOf(options).toEqualTypeOf<UseStreamingChatOptions>();
    expectTypeOf(rest).toEqualTypeOf<{ className: string; showStats: boolean }>();
  });
});
