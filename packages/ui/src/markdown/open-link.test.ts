import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dropOpenBracket, dropOpenLink } from './open-link.ts';

// What they replace: the same results, in time quadratic in a line of `[`.
const OPEN_LINK = /(^|[^\\!\]])!?\[([^\]\n]*)\]\([^)\s]*$/;
const OPEN_BRACKET = /(^|\s)!?\[([^\]\n]*)$/;
const closedBracket = (text: string): string => {
  const dropped = text.replace(OPEN_BRACKET, '$1$2');
  return dropped !== text
    ? dropped
    : text.replace(/(^|\s)!?\[(?!\^)(?=[^[\]\n]{2})([^[\]\n]*\p{L}[^[\]\n]*)\]$/u, '$1$2');
};

const linkSyntax = fc
  .array(
    fc.constantFrom('[', ']', '](', '(', ')', '!', '\\', ' ', '\t', '\n', 'a', 'bc', '[a](b', '"', "'"),
    {
      maxLength: 16,
    },
  )
  .map((parts) => parts.join(''));

describe('dropOpenLink and dropOpenBracket', () => {
  it('give what the regular expressions they replace gave (property)', () => {
    fc.assert(
      fc.property(linkSyntax, (text) => {
        expect(dropOpenLink(text)).toBe(text.replace(OPEN_LINK, '$1$2'));
        expect(dropOpenBracket(text)).toBe(closedBracket(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('drop the syntax of a link still being written, not of one written', () => {
    expect(dropOpenLink('a [b](c')).toBe('a b');
    expect(dropOpenLink('a ![b](c')).toBe('a b');
    expect(dropOpenLink('a [b](c) d')).toBe('a [b](c) d');
    expect(dropOpenLink('a \\[b](c')).toBe('a \\[b](c');
    expect(dropOpenBracket('a [b')).toBe('a b');
    expect(dropOpenBracket('a ![b')).toBe('a b');
    expect(dropOpenBracket('a[b')).toBe('a[b');
    expect(dropOpenBracket('a [b] c')).toBe('a [b] c');
    // Closed, its `(` still to come: still no brackets to flash.
    expect(dropOpenBracket('a [bc]')).toBe('a bc');
    expect(dropOpenBracket('a [b]')).toBe('a [b]');
  });
});
