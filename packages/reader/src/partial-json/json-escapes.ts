/** What each one-character JSON escape (`\n`, `\"`, …) stands for, by the char code after the backslash. */
export const JSON_ESCAPES: Readonly<Partial<Record<number, string>>> = {
  0x22: '"',
  0x2f: '/',
  0x5c: '\\',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t',
};
