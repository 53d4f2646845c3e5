import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import {
  charLocation,
  contentBlockLocation,
  pageLocation,
  searchResultLocation,
  webSearchResultLocation,
} from './citations.ts';

describe('citation helpers', () => {
  it('write each location type with the fields the API sends, nullable ones null by default', () => {
    expect(
      charLocation({
        citedText: 'The grass is green.',
        documentIndex: 0,
        documentTitle: 'notes.txt',
        startCharIndex: 0,
        endCharIndex: 19,
      }),
    ).toEqual({
      type: 'char_location',
      cited_text: 'The grass is green.',
      document_index: 0,
      document_title: 'notes.txt',
      start_char_index: 0,
      end_char_index: 19,
      file_id: null,
    });
    expect(
      pageLocation({
        citedText: 'Q3 revenue: $4.2M',
        documentIndex: 1,
        startPageNumber: 12,
        fileId: 'file_1',
      }),
    ).toEqual({
      type: 'page_location',
      cited_text: 'Q3 revenue: $4.2M',
      document_index: 1,
      document_title: null,
      start_page_number: 12,
      end_page_number: 13,
      file_id: 'file_1',
    });
    expect(
      contentBlockLocation({
        citedText: 'Scope.Applies to contractors.',
        documentIndex: 2,
        documentTitle: 'policy',
        startBlockIndex: 0,
        endBlockIndex: 2,
      }),
    ).toEqual({
      type: 'content_block_location',
      cited_text: 'Scope.Applies to contractors.',
      document_index: 2,
      document_title: 'policy',
      start_block_index: 0,
      end_block_index: 2,
      file_id: null,
    });
    expect(
      searchResultLocation({
        citedText: 'Tier 1 organizations are limited to 50 requests per minute.',
        source: 'https://docs.example.com/rate-limits',
        title: 'Rate limits',
        searchResultIndex: 0,
        startBlockIndex: 0,
      }),
    ).toEqual({
      type: 'search_result_location',
      cited_text: 'Tier 1 organizations are limited to 50 requests per minute.',
      source: 'https://docs.example.com/rate-limits',
      title: 'Rate limits',
      search_result_index: 0,
      start_block_index: 0,
      end_block_index: 1,
    });
  });

  it('gives a web search citation an opaque encrypted_index, the same for the same citation', () => {
    const hit = { title: 'Webb spots a distant galaxy', url: 'https://example.com/webb', pageAge: null };
    const citation = webSearchResultLocation({ ...hit, citedText: 'one of the most distant galaxies' });
    expect(citation).toEqual({
      type: 'web_search_result_location',
      cited_text: 'one of the most distant galaxies',
      url: 'https://example.com/webb',
      title: 'Webb spots a distant galaxy',
      encrypted_index: expect.stringMatching(/^Eo[\w+/]{48}=$/u),
    });
    expect(webSearchResultLocation({ ...hit, citedText: 'one of the most distant galaxies' })).toEqual(
      citation,
    );
    expect(webSearchResultLocation({ ...hit, citedText: 'another sentence' }).encrypted_index).not.toBe(
      citation.encrypted_index,
    );
    expect(
      webSearchResultLocation({ url: 'https://a.example', citedText: 'x', encryptedIndex: 'Eo1' }),
    ).toMatchObject({ title: null, encrypted_index: 'Eo1' });
  });

  it('are what a text step streams as citations_delta and collects in its block', () => {
    const cite = pageLocation({ citedText: 'Revenue grew 12%.', documentIndex: 0, startPageNumber: 5 });
    const built = scenario('pages')
      .text('Revenue grew 12% in Q3', { citations: [cite], citationsAfter: 0 })
      .stop();
    expect(built.events[2]).toEqual({
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'citations_delta', citation: cite },
    });
    expect(built.expectedMessage.content[0]).toEqual({
      type: 'text',
      text: 'Revenue grew 12% in Q3',
      citations: [cite],
    });
  });

  it.each([
    [
      'a cited text that is not a string',
      () => charLocation({ citedText: 3 as never, documentIndex: 0, startCharIndex: 0, endCharIndex: 1 }),
      new TypeError('charLocation citedText must be a string, got number'),
    ],
    [
      'a negative document index',
      () => charLocation({ citedText: 'a', documentIndex: -1, startCharIndex: 0, endCharIndex: 1 }),
      new RangeError('charLocation documentIndex must be an integer of at least 0, got -1'),
    ],
    [
      'a character range that ends before it starts',
      () => charLocation({ citedText: 'a', documentIndex: 0, startCharIndex: 5, endCharIndex: 4 }),
      new RangeError('charLocation endCharIndex must be an integer of at least 5, got 4'),
    ],
    [
      'page 0 (pages count from 1)',
      () => pageLocation({ citedText: 'a', documentIndex: 0, startPageNumber: 0 }),
      new RangeError('pageLocation startPageNumber must be an integer of at least 1, got 0'),
    ],
    [
      'an empty page range (the end is exclusive)',
      () => pageLocation({ citedText: 'a', documentIndex: 0, startPageNumber: 3, endPageNumber: 3 }),
      new RangeError('pageLocation endPageNumber must be an integer of at least 4, got 3'),
    ],
    [
      'a block index that is not a whole number',
      () => contentBlockLocation({ citedText: 'a', documentIndex: 0, startBlockIndex: 0.5 }),
      new RangeError('contentBlockLocation startBlockIndex must be an integer of at least 0, got 0.5'),
    ],
    [
      'a title that is not a string',
      () =>
        contentBlockLocation({
          citedText: 'a',
          documentIndex: 0,
          documentTitle: 7 as never,
          startBlockIndex: 0,
        }),
      new TypeError('contentBlockLocation documentTitle must be a string, got number'),
    ],
    [
      'a web search citation without a url',
      () => webSearchResultLocation({ citedText: 'a' } as never),
      new TypeError('webSearchResultLocation url must be a string, got undefined'),
    ],
    [
      'a search result index that is not a number',
      () =>
        searchResultLocation({
          citedText: 'a',
          source: 's',
          searchResultIndex: '0' as never,
          startBlockIndex: 0,
        }),
      new RangeError('searchResultLocation searchResultIndex must be an integer of at least 0, got 0'),
    ],
  ])('refuses %s', (_name, call, error) => {
    expect(call).toThrow(error);
    expect(call).toThrow(error instanceof RangeError ? RangeError : TypeError);
  });
});
