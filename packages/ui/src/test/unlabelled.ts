import type { Labels } from '../labels.tsx';

/**
 * Labels for every key, each text marked `⟪…⟫` with its values filled in: with them, whatever a
 * part shows that is neither marked nor the conversation's own is a text left out of the labels.
 */
export const marked = new Proxy(
  {},
  {
    get: (_, key) =>
      typeof key === 'string'
        ? (...values: unknown[]) =>
            `⟪${key.replace(/\{(\d)\}/g, (_match, index: number) => String(values[index]))}⟫`
        : undefined,
  },
) as Labels;

/** Every string in `value`, object keys included, whole and line by line (plain text is drawn a line per element). */
export function contentStrings(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const text of [value, ...value.split('\n')]) found.add(text);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      found.add(key);
      contentStrings(item, found);
    }
  }
  return found;
}

/** The texts a person sees or hears in `root`: text nodes and the attributes that name or describe. */
function textsIn(root: Element): string[] {
  const texts: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
  for (const element of root.querySelectorAll('*')) {
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = element.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts;
}

/**
 * What `root` shows or says that still has a letter once the {@link marked} labels and `content`
 * (the conversation's words, the test's own) are taken out: English the labels did not reach.
 */
export function unlabelled(root: Element, content: Iterable<string>): string[] {
  // A one-letter piece of content would cut into words.
  const known = [...content]
    .filter((text) => text.length > 1 && /\p{L}/u.test(text))
    .toSorted((a, b) => b.length - a.length);
  return textsIn(root)
    .map((text) => {
      let rest = text;
      // Innermost first: a label's value may be another label (a retry names the error).
      for (let before = ''; before !== rest;) {
        before = rest;
        rest = rest.replace(/⟪[^⟪⟫]*⟫/g, ' ');
      }
      for (const part of known) rest = rest.replaceAll(part, ' ');
      // Hosts shown for links come from the content's URLs; JSON shows its literals.
      return rest.replace(/[\w-]+(?:\.[\w-]+)+|\b(?:true|false|null)\b/g, ' ');
    })
    .filter((rest) => /\p{L}/u.test(rest));
}
