import { decodeEntities } from './decode-entities.ts';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);
// Browsers drop these anywhere in a URL (tab, newline) or around it (C0 controls, space).
// oxlint-disable-next-line no-control-regex
const STRIPPED = /[\u0000-\u0020\u007f-\u009f]/g;
const BASE = 'https://relative.invalid/';

/**
 * The URL to put in `href` (`kind: 'link'`) or `src` (`kind: 'image'`), or `undefined` when it is
 * unsafe. Character references are decoded and the characters browsers ignore are removed before
 * the scheme is read with the URL parser (so `JaVa&#x53;cript:`, ` javascript:` and `java\tscript:`
 * are caught); links may use http(s), mailto and tel or be relative, images http(s) or relative.
 * `data:` is refused for both (an SVG data image can script, and data links are phishing tools).
 */
export function safeUrl(url: string, kind: 'link' | 'image' = 'link'): string | undefined {
  const cleaned = decodeEntities(url).replace(STRIPPED, '');
  if (cleaned === '') return undefined;
  let protocol: string;
  try {
    protocol = new URL(cleaned, BASE).protocol;
  } catch {
    return undefined;
  }
  const relative = !/^[a-z][a-z\d+.-]*:/i.test(cleaned);
  if (relative) return cleaned;
  return (kind === 'link' ? LINK_PROTOCOLS : IMAGE_PROTOCOLS).has(protocol) ? cleaned : undefined;
}
