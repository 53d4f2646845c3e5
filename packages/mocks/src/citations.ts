import type { Citation } from '@chatstream/reader';
import { checkInteger, checkString } from './check-arguments.ts';
import { createOpaque } from './ids.ts';
import { createRandom, hashSeed } from './prng.ts';

/** A `char_location` citation: characters of a plain-text document of the request. */
export interface CharLocation extends Citation {
  type: 'char_location';
  cited_text: string;
  document_index: number;
  document_title: string | null;
  start_char_index: number;
  end_char_index: number;
  file_id: string | null;
}

/** A `page_location` citation: pages of a PDF document of the request (1-based, end exclusive). */
export interface PageLocation extends Citation {
  type: 'page_location';
  cited_text: string;
  document_index: number;
  document_title: string | null;
  start_page_number: number;
  end_page_number: number;
  file_id: string | null;
}

/** A `content_block_location` citation: blocks of a custom-content document (0-based, end exclusive). */
export interface ContentBlockLocation extends Citation {
  type: 'content_block_location';
  cited_text: string;
  document_index: number;
  document_title: string | null;
  start_block_index: number;
  end_block_index: number;
  file_id: string | null;
}

/** A `web_search_result_location` citation: a page a web search found. */
export interface WebSearchResultLocation extends Citation {
  type: 'web_search_result_location';
  cited_text: string;
  url: string;
  title: string | null;
  encrypted_index: string;
}

/** A `search_result_location` citation: blocks of a `search_result` the request carried. */
export interface SearchResultLocation extends Citation {
  type: 'search_result_location';
  cited_text: string;
  source: string;
  title: string | null;
  search_result_index: number;
  start_block_index: number;
  end_block_index: number;
}

/** Where a document citation points: the document, by its index among all the request's documents. */
interface DocumentCitationOptions {
  citedText: string;
  documentIndex: number;
  documentTitle?: string | null | undefined;
  fileId?: string | null | undefined;
}

/** Options of {@link charLocation}. */
export interface CharLocationOptions extends DocumentCitationOptions {
  startCharIndex: number;
  /** Exclusive. */
  endCharIndex: number;
}

/** Options of {@link pageLocation}. */
export interface PageLocationOptions extends DocumentCitationOptions {
  /** 1-based. */
  startPageNumber: number;
  /** Exclusive; defaults to the page after `startPageNumber` (one page). */
  endPageNumber?: number | undefined;
}

/** Options of {@link contentBlockLocation}. */
export interface ContentBlockLocationOptions extends DocumentCitationOptions {
  /** 0-based index into the document's `source.content`. */
  startBlockIndex: number;
  /** Exclusive; defaults to the block after `startBlockIndex` (one block). */
  endBlockIndex?: number | undefined;
}

/** Options of {@link webSearchResultLocation}; a `WebSearchHit` spread in gives `url` and `title`. */
export interface WebSearchResultLocationOptions {
  citedText: string;
  url: string;
  title?: string | null | undefined;
  /** Defaults to an opaque value derived from the url and the cited text. */
  encryptedIndex?: string | undefined;
}

/** Options of {@link searchResultLocation}. */
export interface SearchResultLocationOptions {
  citedText: string;
  /** The `source` of the cited `search_result` block. */
  source: string;
  title?: string | null | undefined;
  /** The result's index among all `search_result` blocks of the request. */
  searchResultIndex: number;
  startBlockIndex: number;
  /** Exclusive; defaults to the block after `startBlockIndex` (one block). */
  endBlockIndex?: number | undefined;
}

/**
 * A `char_location` citation, for a text step's `citations`.
 *
 * @example
 * scenario('notes')
 *   .text('The grass is green', {
 *     citations: [charLocation({ citedText: 'The grass is green.', documentIndex: 0, documentTitle: 'notes.txt', startCharIndex: 0, endCharIndex: 19 })],
 *   })
 *   .stop();
 */
export function charLocation(options: CharLocationOptions): CharLocation {
  const where = 'charLocation';
  const document = documentFields(where, options);
  checkInteger(`${where} startCharIndex`, options.startCharIndex);
  checkInteger(`${where} endCharIndex`, options.endCharIndex, options.startCharIndex);
  return {
    type: 'char_location',
    ...document,
    start_char_index: options.startCharIndex,
    end_char_index: options.endCharIndex,
    file_id: options.fileId ?? null,
  };
}

/**
 * A `page_location` citation (a PDF's pages), for a text step's `citations`.
 *
 * @example
 * pageLocation({ citedText: 'Revenue grew 12%.', documentIndex: 1, documentTitle: 'report.pdf', startPageNumber: 5 });
 * // { type: 'page_location', …, start_page_number: 5, end_page_number: 6, file_id: null }
 */
export function pageLocation(options: PageLocationOptions): PageLocation {
  const where = 'pageLocation';
  const document = documentFields(where, options);
  checkInteger(`${where} startPageNumber`, options.startPageNumber, 1);
  const end = options.endPageNumber ?? options.startPageNumber + 1;
  checkInteger(`${where} endPageNumber`, end, options.startPageNumber + 1);
  return {
    type: 'page_location',
    ...document,
    start_page_number: options.startPageNumber,
    end_page_number: end,
    file_id: options.fileId ?? null,
  };
}

/**
 * A `content_block_location` citation (blocks of a custom-content document), for a text step's
 * `citations`. The API cites whole blocks: `citedText` is the cited blocks' text joined.
 *
 * @example
 * contentBlockLocation({ citedText: 'Applies to contractors.', documentIndex: 2, documentTitle: 'policy', startBlockIndex: 1 });
 * // { type: 'content_block_location', …, start_block_index: 1, end_block_index: 2, file_id: null }
 */
export function contentBlockLocation(options: ContentBlockLocationOptions): ContentBlockLocation {
  const where = 'contentBlockLocation';
  const document = documentFields(where, options);
  const [start, end] = blockRange(where, options.startBlockIndex, options.endBlockIndex);
  return {
    type: 'content_block_location',
    ...document,
    start_block_index: start,
    end_block_index: end,
    file_id: options.fileId ?? null,
  };
}

/**
 * A `web_search_result_location` citation (a page a web search found), for a text step's `citations`.
 *
 * @example
 * const hit = { title: 'Webb spots a distant galaxy', url: 'https://example.com/webb' };
 * webSearchResultLocation({ ...hit, citedText: 'Webb has observed one of the most distant galaxies.' });
 * // { type: 'web_search_result_location', cited_text: …, url: …, title: …, encrypted_index: 'Eo…' }
 */
export function webSearchResultLocation(options: WebSearchResultLocationOptions): WebSearchResultLocation {
  const where = 'webSearchResultLocation';
  checkString(`${where} citedText`, options.citedText);
  checkString(`${where} url`, options.url);
  checkOptionalString(`${where} encryptedIndex`, options.encryptedIndex);
  return {
    type: 'web_search_result_location',
    cited_text: options.citedText,
    url: options.url,
    title: nullableString(`${where} title`, options.title),
    encrypted_index:
      options.encryptedIndex ??
      // Derived rather than random so the same citation written twice is the same value.
      createOpaque(createRandom(hashSeed(`${options.url}\n${options.citedText}`))),
  };
}

/**
 * A `search_result_location` citation (blocks of a `search_result` the request sent), for a text
 * step's `citations`.
 *
 * @example
 * searchResultLocation({ citedText: 'Tier 1: 50 requests per minute.', source: 'https://docs.example.com/limits', title: 'Rate limits', searchResultIndex: 0, startBlockIndex: 0 });
 */
export function searchResultLocation(options: SearchResultLocationOptions): SearchResultLocation {
  const where = 'searchResultLocation';
  checkString(`${where} citedText`, options.citedText);
  checkString(`${where} source`, options.source);
  checkInteger(`${where} searchResultIndex`, options.searchResultIndex);
  const [start, end] = blockRange(where, options.startBlockIndex, options.endBlockIndex);
  return {
    type: 'search_result_location',
    cited_text: options.citedText,
    source: options.source,
    title: nullableString(`${where} title`, options.title),
    search_result_index: options.searchResultIndex,
    start_block_index: start,
    end_block_index: end,
  };
}

function documentFields(
  where: string,
  options: DocumentCitationOptions,
): Pick<CharLocation, 'cited_text' | 'document_index' | 'document_title'> {
  checkString(`${where} citedText`, options.citedText);
  checkInteger(`${where} documentIndex`, options.documentIndex);
  nullableString(`${where} fileId`, options.fileId);
  return {
    cited_text: options.citedText,
    document_index: options.documentIndex,
    document_title: nullableString(`${where} documentTitle`, options.documentTitle),
  };
}

function blockRange(where: string, start: number, end: number | undefined): [number, number] {
  checkInteger(`${where} startBlockIndex`, start);
  const last = end ?? start + 1;
  checkInteger(`${where} endBlockIndex`, last, start + 1);
  return [start, last];
}

function checkOptionalString(name: string, value: unknown): void {
  if (value !== undefined) checkString(name, value);
}

function nullableString(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  checkString(name, value);
  return value as string;
}
