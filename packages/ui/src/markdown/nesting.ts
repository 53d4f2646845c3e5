/**
 * How many lists and quotes inside one another are drawn as elements, and how many emphases and
 * links inside one another within a line; deeper structure shows as the markdown it was written in.
 * A few KB of `- - - …` or `> > > …`, which a prompt injection can make a model write, nest
 * thousands deep: drawn as such, the recursion overflows the stack and React unmounts the page.
 * (`lex-safely.ts` spells out one more, 33, in its pattern; a test holds them together.)
 */
export const MAX_NESTING = 32;
