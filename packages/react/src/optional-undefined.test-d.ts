import type { QueryKey } from '@tanstack/react-query';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChatSessionInstanceOptions,
  type ChatSessionProviderProps,
  type MessageStreamStoreOptions,
  type UseMessageStreamOptions,
  type UseStreamingChatOptions,
  useMessageStream,
  useStreamingChat,
} from './index.ts';
import type { StreamedMessageQueryParams } from './query.ts';
import type { RefusingUndefined } from '../../../tests/types/refusing-undefined.ts';

describe('hook options under exactOptionalPropertyTypes', () => {
  it('take an explicit undefined wherever an option may be left out', () => {
    expectTypeOf<RefusingUndefined<UseStreamingChatOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ChatSessionInstanceOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ChatSessionProviderProps>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<UseMessageStreamOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageStreamStoreOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<StreamedMessageQueryParams<QueryKey>>>().toEqualTypeOf<never>();
  });

  it('take a config whose fields may be undefined, as the issue reported', () => {
    const cfg = {} as { model?: string; maxTokens?: number; maxRetries?: number };
    expectTypeOf(useStreamingChat).toBeCallableWith({
      api: '/api/chat',
      model: cfg.model,
      maxTokens: cfg.maxTokens,
      onFinish: undefined,
      chat: undefined,
    });
    expectTypeOf(useMessageStream).toBeCallableWith({
      retry: { maxRetries: cfg.maxRetries },
      throttle: undefined,
    });
  });
});
