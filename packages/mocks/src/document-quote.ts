import type { Citation } from '@chatstream/reader';
import { charLocation, contentBlockLocation, pageLocation } from './citations.ts';

type Block = Record<string, unknown>;

/** A sentence of the answer quoting a document, and the citation the API attaches to it. */
export interface DocumentQuote {
  text: string;
  citation: Citation;
}

/** The longest quote, in characters: the first line of a document, cut here. */
const MAX_QUOTE = 120;

/**
 * What the answer quotes from each document of `attachments` that allows citations
 * (`citations: { enabled: true }`), cited as the API cites that kind of document, with the
 * document's index among every document of the request and its title, so a client shows each kind
 * of document citation end to end: a plain-text document's first line (`char_location`), the first
 * text block of a custom-content document (`content_block_location`, the whole block: the API never
 * cites part of one), and page 1 of a PDF (`page_location`). Other sources (Files API) are not quoted.
 *
 * @example
 * documentQuotes([notes], 0); // [{ text: ' From "notes.md": "Buy milk".', citation: { type: 'char_location', … } }]
 */
export function documentQuotes(attachments: readonly Block[], documentsBefore: number): DocumentQuote[] {
  let documentIndex = documentsBefore;
  const quotes: DocumentQuote[] = [];
  for (const block of attachments) {
    if (block['type'] !== 'document') continue;
    const index = documentIndex++;
    const citations = block['citations'] as { enabled?: unknown } | null | undefined;
    if (citations?.enabled !== true) continue;
    const quote = quoteOf(block, index);
    if (quote) quotes.push(quote);
  }
  return quotes;
}

function quoteOf(block: Block, documentIndex: number): DocumentQuote | undefined {
  const source = block['source'] as Block | null | undefined;
  const documentTitle = typeof block['title'] === 'string' ? block['title'] : null;
  const named = documentTitle ? `"${documentTitle}"` : 'the document';
  switch (source?.['type']) {
    case 'text': {
      const data = source['data'];
      if (typeof data !== 'string') return undefined;
      const start = data.search(/\S/);
      if (start < 0) return undefined;
      const quoted = firstLine(data.slice(start));
      return {
        text: ` From ${named}: "${quoted}".`,
        citation: charLocation({
          citedText: quoted,
          documentIndex,
          documentTitle,
          startCharIndex: start,
          endCharIndex: start + quoted.length,
        }),
      };
    }
    case 'content': {
      const cited = firstTextBlock(source['content']);
      if (!cited) return undefined;
      return {
        text: ` From ${named}: "${firstLine(cited.text.trimStart())}".`,
        citation: contentBlockLocation({
          citedText: cited.text,
          documentIndex,
          documentTitle,
          startBlockIndex: cited.index,
        }),
      };
    }
    // A base64 or URL source is a PDF. The mock reads no PDF, so it cites page 1 and quotes what a
    // first page most often opens with, the document's title; a client still gets a page citation to show.
    case 'base64':
    case 'url':
      return {
        text: ` From page 1 of ${named}.`,
        citation: pageLocation({
          citedText: documentTitle?.replace(/\.pdf$/iu, '') || 'Page 1',
          documentIndex,
          documentTitle,
          startPageNumber: 1,
        }),
      };
    default:
      return undefined;
  }
}

/** The first line of `text`, trailing spaces off, cut to {@link MAX_QUOTE} characters. */
function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]!.trimEnd();
  return line.length > MAX_QUOTE ? line.slice(0, MAX_QUOTE) : line;
}

/** The first text block of a custom-content source with words in it, and its index (a string is one block). */
function firstTextBlock(content: unknown): { text: string; index: number } | undefined {
  if (typeof content === 'string') return /\S/.test(content) ? { text: content, index: 0 } : undefined;
  if (!Array.isArray(content)) return undefined;
  const index = content.findIndex((block: unknown) => {
    const text = (block as Block | null)?.['text'];
    return (block as Block | null)?.['type'] === 'text' && typeof text === 'string' && /\S/.test(text);
  });
  return index < 0 ? undefined : { text: (content[index] as Block)['text'] as string, index };
}
