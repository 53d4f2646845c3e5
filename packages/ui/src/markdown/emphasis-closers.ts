const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

type Kind = 'space' | 'punctuation' | 'other';

/** The characters of emphasis (`*`, `_`) and strike-through (`~`). */
export type Delimiter = '*' | '_' | '~';

function kindOf(char: string | undefined): Kind {
  if (char === undefined || WHITESPACE.test(char)) return 'space';
  return PUNCTUATION.test(char) ? 'punctuation' : 'other';
}

// Beside `*`, marked's rules read `~` as a letter.
function kindFor(delimiter: Delimiter, char: string | undefined): Kind {
  return char === '~' && delimiter === '*' ? 'other' : kindOf(char);
}

/** The code point that ends just before `index`, or undefined at the start. */
function charBefore(text: string, index: number): string | undefined {
  if (index === 0) return undefined;
  const last = text.charCodeAt(index - 1);
  const first = text.charCodeAt(index - 2);
  const paired = last >= 0xdc00 && last <= 0xdfff && first >= 0xd800 && first <= 0xdbff;
  return paired ? text.slice(index - 2, index) : text[index - 1];
}

/** The code point that starts at `index`, or undefined at the end. */
function charAt(text: string, index: number): string | undefined {
  const first = text.charCodeAt(index);
  const last = text.charCodeAt(index + 1);
  const paired = first >= 0xd800 && first <= 0xdbff && last >= 0xdc00 && last <= 0xdfff;
  return paired ? text.slice(index, index + 2) : text[index];
}

/**
 * Whether a run of `delimiter` between `before` and `after` can close, as marked's closing rules
 * read it (CommonMark's flanking rules, `~` counting as a letter beside `*`). A run preceded by a
 * space never closes; one preceded by punctuation does not close before a letter; an `_` between
 * letters does not close.
 */
function canClose(delimiter: Delimiter, before: string | undefined, after: string | undefined): boolean {
  const left = kindFor(delimiter, before);
  if (left === 'space') return false;
  const right = kindFor(delimiter, after);
  if (left === 'punctuation') return right !== 'other';
  return delimiter !== '_' || right !== 'other';
}

function opensOnly(before: Kind, after: Kind): boolean {
  return after === 'other' ? before !== 'other' : before === 'space' && after === 'punctuation';
}

interface Runs {
  /** Index of the run starting at each position. */
  readonly at: Map<number, number>;
  /** Closing length minus opening length of the runs up to each (inclusive). */
  readonly balance: number[];
  /** The highest balance from each run on. */
  readonly highest: number[];
}

/** The runs of `delimiter` in `text`; with `length`, runs of another length count for nothing. */
function runsOf(text: string, delimiter: Delimiter, length?: number): Runs {
  const at = new Map<number, number>();
  const balance: number[] = [];
  let total = 0;
  for (let index = text.indexOf(delimiter); index !== -1; index = text.indexOf(delimiter, index)) {
    let end = index + 1;
    while (text[end] === delimiter) end++;
    const before = charBefore(text, index);
    const after = charAt(text, end);
    if (length !== undefined && end - index !== length) {
      // Neither opens nor closes this opener.
    } else if (canClose(delimiter, before, after)) total += end - index;
    else if (opensOnly(kindFor(delimiter, before), kindFor(delimiter, after))) total -= end - index;
    at.set(index, balance.length);
    balance.push(total);
    index = end;
  }
  const highest = balance.slice();
  for (let run = highest.length - 2; run >= 0; run--)
    highest[run] = Math.max(highest[run] ?? 0, highest[run + 1] ?? 0);
  return { at, balance, highest };
}

const SKIPPED_IN_STRONG = /[^_*]*?\*\*[^_*]*?_[^_*]*?\*\*/y;
const SKIPPED_IN_UNDERLINE = /[^_*]*?__[^_*]*?\*[^_*]*?__/y;

/**
 * Which emphasis and strike-through openers in one inline text can possibly be closed. marked looks for the closer of
 * each opener by reading on to the last delimiter run not preceded by a space, counting the runs
 * that open and close on the way; in a paragraph where none closes it (`1"_1"_…`: each `_` follows
 * punctuation and precedes a letter) that is the rest of the paragraph for every opener, quadratic.
 * With the running balance of closing and opening runs, computed in one pass, an opener that
 * cannot reach zero is known to stay text without reading on.
 */
export class EmphasisClosers {
  readonly #text: string;
  readonly #runs = new Map<string, Runs>();

  constructor(text: string) {
    this.#text = text;
  }

  /** False when the run of `delimiter` starting at `index` can be closed by no run after it. */
  mayClose(delimiter: Delimiter, index: number): boolean {
    const text = this.#text;
    let length = 1;
    while (text[index + length] === delimiter) length++;
    // marked pairs `~` and `~~` only with runs of the same length, and never longer ones.
    if (delimiter === '~' && length > 2) return true;
    // marked's closing rules first skip one delimiter of the other kind inside a leading `**…**`
    // or `__…__` (`_a **b _c** d_`): that run opens nothing, whatever its flanks say.
    const skipped =
      delimiter === '_' ? SKIPPED_IN_STRONG : delimiter === '*' ? SKIPPED_IN_UNDERLINE : undefined;
    if (skipped !== undefined) {
      skipped.lastIndex = index + length;
      if (skipped.test(text)) return true;
    }
    const key = delimiter === '~' ? `~${length}` : delimiter;
    let runs = this.#runs.get(key);
    if (runs === undefined) {
      runs = runsOf(this.#text, delimiter, delimiter === '~' ? length : undefined);
      this.#runs.set(key, runs);
    }
    // A run a token took the start of (the text rule eats one `*` of a `**` no one closes) is
    // judged as a whole: the closers after it are the same.
    let start = index;
    if (delimiter !== '~') while (start > 0 && text[start - 1] === delimiter) start--;
    const run = runs.at.get(start);
    if (run === undefined) return true;
    const reachable = (runs.highest[run + 1] ?? -Infinity) - (runs.balance[run] ?? 0);
    return reachable >= length;
  }
}
