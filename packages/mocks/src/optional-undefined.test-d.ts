import { describe, expectTypeOf, it } from 'vitest';
import type { ChatHandlersOptions, ResumeOptions } from './msw.ts';
import type { FakeAnthropicServerOptions } from './server.ts';
import {
  type CharLocationOptions,
  type ContentBlockLocationOptions,
  type Fault,
  httpError,
  type MockStreamOptions,
  type PageLocationOptions,
  type PlayOptions,
  type RandomChunking,
  scenario,
  type ScenarioDescription,
  type ScenarioOptions,
  type ScenarioStep,
  type SearchResultLocationOptions,
  type ServeOptions,
  type SSEEncoding,
  type TextEncoding,
  type TimingOptions,
  type UsageUpdate,
  type UseOptions,
  type WebFetchPage,
  type WebSearchHit,
  type WebSearchResultLocationOptions,
  withFaults,
} from './index.ts';
import type { RefusingUndefined } from '../../../tests/types/refusing-undefined.ts';

describe('mock options under exactOptionalPropertyTypes', () => {
  it('take an explicit undefined wherever an option may be left out', () => {
    expectTypeOf<RefusingUndefined<ScenarioDescription>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ScenarioOptions>>().toEqualTypeOf<never>();
    // Every kind of step and fault.
    expectTypeOf<RefusingUndefined<ScenarioStep>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<UsageUpdate>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<Fault>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<WebSearchHit>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<WebFetchPage>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<CharLocationOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<PageLocationOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ContentBlockLocationOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<WebSearchResultLocationOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<SearchResultLocationOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<TimingOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<RandomChunking>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<SSEEncoding>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<TextEncoding>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ServeOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<PlayOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<MockStreamOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<UseOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ChatHandlersOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<ResumeOptions>>().toEqualTypeOf<never>();
    expectTypeOf<RefusingUndefined<FakeAnthropicServerOptions>>().toEqualTypeOf<never>();
    type HttpErrorOptions = NonNullable<Parameters<typeof httpError>[1]>;
    expectTypeOf<RefusingUndefined<HttpErrorOptions>>().toEqualTypeOf<never>();
    type WithFaultsOptions = NonNullable<Parameters<typeof withFaults>[2]>;
    expectTypeOf<RefusingUndefined<WithFaultsOptions>>().toEqualTypeOf<never>();
  });

  it('take a config whose fields may be undefined', () => {
    const cfg = {} as { seed?: number; retryAfter?: number };
    expectTypeOf(scenario).toBeCallableWith('basic', { seed: cfg.seed, model: undefined });
    expectTypeOf(httpError).toBeCallableWith(429, { retryAfter: cfg.retryAfter, errorType: undefined });
  });
});
