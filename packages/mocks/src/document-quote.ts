import type { Citation } from '@chatstream/reader';

type Block = Record<string, unknown>;

/** A sentence of the answer quoting a document, and the citation the API attaches to it. */
export interface DocumentQuote {
  text: string;
  citation: Citation;
}

/** The longest quote, in characters: the first line of a document, cut here. */
const MAX_QUOTE = 120;

/**
 * What the answer quotes from each text document of `attachments` that allows citations
 * (`citations: { enabled: true }`): its first line, cited as the API does (`char_location`, the
 * document's index among every document of the request, its title, the quoted characters), so a
 * client shows a document citation end to end. PDFs are not quoted: their text is not readable here.
 *
 * @example
 * documentQuotes([notes], 0); // [{ text: 'From "notes.md": "Buy milk".', citation: { type: 'char_location', … } }]
 */
export function documentQuotes(attachments: readonly Block[], documentsBefore: number): DocumentQuote[] {
  let documentIndex = documentsBefore;
  const quotes: DocumentQuote[] = [];
  for (const block of attachments) {
    if (block['type'] !== 'document') continue;
    const index = documentIndex++;
    const source = block['source'] as Block | undefined;
    const citations = block['citations'] as { enabled?: unknown } | null | undefined;
    if (source?.['type'] !== 'text' || typeof source['data'] !== 'string' || citations?.enabled !== true)
      continue;
    const data = source['data'];
    const start = data.search(/\S/);
    if (start < 0) continue;
    const line = data.slice(start).split('\n', 1)[0]!.trimEnd();
    const quoted = line.length > MAX_QUOTE ? line.slice(0, MAX_QUOTE) : line;
    const title = typeof block['title'] === 'string' ? block['title'] : null;
    quotes.push({
      text: ` From ${title ? `"${title}"` : 'the document'}: "${quoted}".`,
      citation: {
        type: 'char_location',
        cited_text: quoted,
        document_index: index,
        document_title: title,
        start_char_index: start,
        end_char_index: start + quoted.length,
        file_id: null,
      },
    });
  }
  return quotes;
}
