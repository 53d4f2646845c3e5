import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { pageLocation, webSearchResultLocation } from './citations.ts';
import { httpError } from './faults.ts';

describe('options set to undefined', () => {
  it('httpError: keep the defaults of the status', () => {
    expect(
      httpError(429, {
        retryAfter: undefined,
        errorType: undefined,
        message: undefined,
        body: undefined,
      }),
    ).toEqual(httpError(429));
    expect(httpError(429, { retryAfter: 5, errorType: undefined })).toEqual({
      ...httpError(429),
      retryAfter: 5,
    });
  });

  it('scenario steps: compile to what the steps without them do', () => {
    const given = scenario('same', { seed: undefined, model: undefined, inputTokens: undefined })
      .text('Hello there.', { chunking: undefined, cutAt: undefined, citations: undefined })
      .toolUse('get_weather', { city: 'Paris' }, { id: undefined, fragments: undefined })
      .stop('tool_use', { usage: { output_tokens: undefined, input_tokens: undefined } });
    const left = scenario('same')
      .text('Hello there.')
      .toolUse('get_weather', { city: 'Paris' })
      .stop('tool_use', { usage: {} });
    expect(given.events).toEqual(left.events);
    expect(given.expectedMessage).toEqual(left.expectedMessage);
    expect(given.expectedMessage.usage.output_tokens).toBeGreaterThan(0);
  });

  it('server tool results and citations: keep their defaults', () => {
    const fetch = scenario('fetch').serverToolUse('web_fetch', { url: 'https://a.example' });
    const page = { url: 'https://a.example', text: 'A.' };
    expect(
      fetch
        .webFetchResult({
          ...page,
          title: undefined,
          pdf: undefined,
          retrievedAt: undefined,
          citations: undefined,
        })
        .stop().expectedMessage,
    ).toEqual(fetch.webFetchResult(page).stop().expectedMessage);
    const search = scenario('search').serverToolUse('web_search', { query: 'q' });
    const hit = { title: 'A', url: 'https://a.example' };
    expect(
      search.webSearchResult([{ ...hit, pageAge: undefined, encryptedContent: undefined }]).stop()
        .expectedMessage,
    ).toEqual(search.webSearchResult([hit]).stop().expectedMessage);
    const cited = { citedText: 'a', documentIndex: 0, startPageNumber: 1 };
    expect(
      pageLocation({ ...cited, documentTitle: undefined, endPageNumber: undefined, fileId: undefined }),
    ).toEqual(pageLocation(cited));
    expect(
      webSearchResultLocation({ url: 'u', citedText: 'a', title: undefined, encryptedIndex: undefined }),
    ).toEqual(webSearchResultLocation({ url: 'u', citedText: 'a' }));
  });
});
