import { describe, expectTypeOf, it } from 'vitest';
import {
  type ChatHandlerOptions,
  createChatHandler,
  type MemoryResumeStoreOptions,
  type RedisResumeStoreOptions,
  type ResumeOptions,
} from './index.ts';
import type { RefusingUndefined } from '../../../tests/types/refusing-undefined.ts';

describe('relay options under exactOptionalPropertyTypes', () => {
  it('take an explicit undefined wherever an option may be left out', () => {
    expectTypeOf<RefusingUndefined<ChatHandlerOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ResumeOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MemoryResumeStoreOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<RedisResumeStoreOptions>>().toEqualTypeOf<never>();
  });

  it('take a config whose fields may be undefined', () => {
    const env = {} as { model?: string; maxTokens?: number };
    expectTypeOf(createChatHandler).toBeCallableWith({ model: env.model, defaultMaxTokens: env.maxTokens });
  });
});
