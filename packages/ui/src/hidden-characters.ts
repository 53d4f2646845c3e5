/**
 * Characters that change what a text seems to say without showing: bidi embeddings, overrides and
 * isolates (`report\u202Etxt.exe` reads `report` + `exe.txt`; "Trojan Source" code looks like
 * another program), zero-width spaces, the word joiner and a byte order mark. Not the joiners that
 * are part of a word or an emoji (U+200C, U+200D), nor the marks of right-to-left text.
 */
const HIDDEN = /[\u200B\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/**
 * `text` with each character that changes how it reads without showing written as its escape
 * (`\u202e`): what a person approves, copies or runs is what they see. Unchanged when it has none.
 *
 * @example
 * showHiddenCharacters('report\u202Etxt.exe'); // 'report\\u202etxt.exe'
 */
export function showHiddenCharacters(text: string): string {
  return text.replace(HIDDEN, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
