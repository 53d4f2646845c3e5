import type * as Sdk from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CharLocation,
  ContentBlockLocation,
  PageLocation,
  SearchResultLocation,
  WebSearchResultLocation,
} from './index.ts';

/** The fields of `T` the SDK's type `S` declares, as `T` types them. */
type AsSdk<T, S> = Pick<T, keyof S & keyof T>;

describe('citation helpers return what the official SDK types', () => {
  it('each location type has every field of the SDK type, typed as it types it', () => {
    expectTypeOf<AsSdk<CharLocation, Sdk.CitationCharLocation>>().toEqualTypeOf<Sdk.CitationCharLocation>();
    expectTypeOf<AsSdk<PageLocation, Sdk.CitationPageLocation>>().toEqualTypeOf<Sdk.CitationPageLocation>();
    expectTypeOf<
      AsSdk<ContentBlockLocation, Sdk.CitationContentBlockLocation>
    >().toEqualTypeOf<Sdk.CitationContentBlockLocation>();
    expectTypeOf<
      AsSdk<WebSearchResultLocation, Sdk.CitationsWebSearchResultLocation>
    >().toEqualTypeOf<Sdk.CitationsWebSearchResultLocation>();
    expectTypeOf<
      AsSdk<SearchResultLocation, Sdk.CitationsSearchResultLocation>
    >().toEqualTypeOf<Sdk.CitationsSearchResultLocation>();
    expectTypeOf<CharLocation>().toExtend<Sdk.TextCitation>();
    expectTypeOf<SearchResultLocation>().toExtend<Sdk.TextCitation>();
  });
});
