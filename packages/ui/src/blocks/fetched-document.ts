import type { Translate } from '../labels.tsx';
import { characterCount, counted } from './counted.ts';
import { domainOf, httpUrl, isRecord } from './format-value.ts';

/** What a `web_fetch_result` holds, read once for {@link WebFetchResultBlock}. */
export interface FetchedDocument {
  /** `text` (plain text), `pdf` (base64 PDF) or `unknown` (a source this version does not read). */
  kind: 'text' | 'pdf' | 'unknown';
  /** The document's title, else the URL's domain, else the URL as sent, else "Untitled". */
  title: string;
  /** The URL's domain, when the title is not already that. */
  domain: string | undefined;
  /** The URL when it is http(s) (safe for `href`). */
  url: string | undefined;
  /** "Text · 1,204 characters", "PDF", or `undefined` for an unknown source. */
  details: string | undefined;
  /** When the page was retrieved, when `retrieved_at` is a valid date. */
  retrievedAt: Date | undefined;
}

function dateOf(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The `content` of a successful `web_fetch_tool_result` (a `web_fetch_result`) as what a person
 * needs to see: title, link, kind and size, retrieval time. Never throws on an unexpected shape.
 *
 * @example
 * fetchedDocument({ type: 'web_fetch_result', url: 'https://example.org/a', retrieved_at: null,
 *   content: { type: 'document', title: null, source: { type: 'text', data: 'Hi' } } }, english);
 * // { kind: 'text', title: 'example.org', details: 'Text · 2 characters', … }
 */
export function fetchedDocument(content: unknown, t: Translate): FetchedDocument {
  const result = isRecord(content) ? content : {};
  const page = isRecord(result['content']) ? result['content'] : {};
  const source = isRecord(page['source']) ? page['source'] : {};
  const url = httpUrl(result['url']);
  const domain = url === undefined ? undefined : domainOf(url);
  const given = typeof page['title'] === 'string' ? page['title'].trim() : '';
  const rawUrl = typeof result['url'] === 'string' ? result['url'] : '';
  const title = given || domain || rawUrl || t('Untitled');
  const data = source['data'];
  const text = source['type'] === 'text' && typeof data === 'string' ? data : undefined;
  const pdf = source['type'] === 'base64' || source['media_type'] === 'application/pdf';
  const characters = text === undefined ? 0 : characterCount(text);
  return {
    kind: text !== undefined ? 'text' : pdf ? 'pdf' : 'unknown',
    title,
    domain: given ? domain : undefined,
    url,
    details:
      text !== undefined
        ? characters === 1
          ? t('Text · 1 character')
          : counted(t, 'Text · {0} characters', characters)
        : pdf
          ? t('PDF')
          : undefined,
    retrievedAt: dateOf(result['retrieved_at']),
  };
}
