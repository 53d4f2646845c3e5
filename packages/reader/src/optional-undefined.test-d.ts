import { describe, expectTypeOf, it } from 'vitest';
import type {
  AttachmentErrorDetails,
  ChatRequestOptions,
  ChatSession,
  ChatSessionOptions,
  ChatStorageOptions,
  ChatStreamErrorOptions,
  ChatTool,
  ErrorBodyOptions,
  FileToContentBlockOptions,
  HTTPErrorDetails,
  MessageEventSink,
  MessageRequest,
  MessageStreamInit,
  MessageStreamOptions,
  ParseSSEStreamOptions,
  PersistChatOptions,
  ReadMessageEventsOptions,
  RetryOptions,
  SSEParserCallbacks,
  SSEParserOptions,
  StreamMessageOptions,
} from './index.ts';
import { createChatSession, streamMessage } from './index.ts';
import type { RefusingUndefined } from '../../../tests/types/refusing-undefined.ts';

describe('options under exactOptionalPropertyTypes', () => {
  it('are checked with the flag on', () => {
    // @ts-expect-error -- with the flag, `undefined` does not fit `a?: string`: this check means something.
    const exact: { a?: string } = { a: undefined };
    expectTypeOf(exact).toEqualTypeOf<{ a?: string }>();
    expectTypeOf<RefusingUndefined<{ a?: string; b?: number | undefined; c: string }>>().toEqualTypeOf<'a'>();
  });

  it('take an explicit undefined wherever a property may be left out', () => {
    expectTypeOf<RefusingUndefined<ChatSessionOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ChatTool>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ChatRequestOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageRequest>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<StreamMessageOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<RetryOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageStreamOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageStreamInit>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ReadMessageEventsOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MessageEventSink>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<SSEParserCallbacks>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<SSEParserOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ParseSSEStreamOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<FileToContentBlockOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ChatStorageOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<PersistChatOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ErrorBodyOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ChatStreamErrorOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<HTTPErrorDetails>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<AttachmentErrorDetails>>().toEqualTypeOf<never>();
    type AddToolResultOptions = NonNullable<Parameters<ChatSession['addToolResult']>[2]>;
    expectTypeOf<RefusingUndefined<AddToolResultOptions>>().toEqualTypeOf<never>();
  });

  it('take a config whose fields may be undefined, as the issue reported', () => {
    const cfg = {} as { model?: string; maxTokens?: number; url?: string; maxRetries?: number };
    expectTypeOf(createChatSession).toBeCallableWith({
      api: '/api/chat',
      model: cfg.model,
      maxTokens: cfg.maxTokens,
      onFinish: undefined,
    });
    expectTypeOf(streamMessage).toBeCallableWith(
      { url: cfg.url, headers: undefined, method: undefined },
      { retry: { maxRetries: cfg.maxRetries }, headersTimeoutMs: undefined, fetch: undefined },
    );
  });
});
