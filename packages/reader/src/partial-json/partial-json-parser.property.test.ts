import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSONParseError } from './json-parse-error.ts';
import { createPartialJSONParser } from './partial-json-parser.ts';

// ---- Arbitraries: JSON texts written by hand, with everything JSON.stringify never writes ----

const whitespace = fc
  .array(fc.constantFrom(' ', '\t', '\n', '\r'), { maxLength: 3 })
  .map((units) => units.join(''));

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

/** Decoded string material: any code points, lone surrogates, and characters that need escapes. */
const stringPiece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 4 }),
  loneSurrogate,
  fc.constantFrom(
    '"',
    '\\',
    '/',
    '\b',
    '\f',
    '\n',
    '\r',
    '\t',
    '\u0000',
    '\u001f',
    '\u2028',
    '😀',
    '__proto__',
  ),
);

const shortEscapes: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function unicodeEscape(code: number, upper: boolean): string {
  const hex = code.toString(16).padStart(4, '0');
  return `\\u${upper ? hex.toUpperCase() : hex}`;
}

/** Writes one code unit as raw text, a short escape or a \u escape, as `style` picks. */
function encodeUnit(unit: string, style: number): string {
  const code = unit.charCodeAt(0);
  const needsEscape = code < 0x20 || unit === '"' || unit === '\\';
  if (style === 0 && !needsEscape) return unit;
  if (style <= 1 && shortEscapes[unit] !== undefined) return shortEscapes[unit];
  if (style <= 1 && !needsEscape) return unit;
  return unicodeEscape(code, style === 3);
}

interface StringText {
  text: string;
  decoded: string;
}

const stringText: fc.Arbitrary<StringText> = fc
  .array(fc.tuple(stringPiece, fc.nat(3)), { maxLength: 6 })
  .map((pieces) => {
    let text = '"';
    let decoded = '';
    for (const [piece, style] of pieces) {
      for (let index = 0; index < piece.length; index++) text += encodeUnit(piece[index]!, style);
      decoded += piece;
    }
    return { text: `${text}"`, decoded };
  });

const numberText = fc.stringMatching(/^-?(0|[1-9]\d{0,20})(\.\d{1,20})?([eE][+-]?\d{1,3})?$/);

function jsonText(uniqueKeys: boolean): fc.Arbitrary<string> {
  const { value } = fc.letrec<{ value: string; array: string; object: string }>((tie) => {
    const member = fc.tuple(stringText, whitespace, whitespace, tie('value'), whitespace);
    const members = uniqueKeys
      ? fc.uniqueArray(member, { selector: ([key]) => key.decoded, maxLength: 5 })
      : fc.array(member, { maxLength: 5 });
    return {
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        numberText,
        stringText.map((string) => string.text),
        fc.constantFrom('true', 'false', 'null'),
        tie('array'),
        tie('object'),
      ),
      array: fc
        .tuple(fc.array(fc.tuple(whitespace, tie('value'), whitespace), { maxLength: 5 }), whitespace)
        .map(([items, inside]) =>
          items.length === 0 ? `[${inside}]` : `[${items.map((parts) => parts.join('')).join(',')}]`,
        ),
      object: fc
        .tuple(members, whitespace)
        .map(([entries, inside]) =>
          entries.length === 0
            ? `{${inside}}`
            : `{${entries.map(([key, a, b, item, c]) => `${a}${key.text}${b}:${item}${c}`).join(',')}}`,
        ),
    };
  });
  return fc.tuple(whitespace, value, whitespace).map((parts) => parts.join(''));
}

/** JSON.stringify output of arbitrary values, compact or indented. */
const stringifiedText = fc
  .tuple(
    fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' })),
    fc.constantFrom<string | number | undefined>(undefined, 0, 2, '\t'),
  )
  .map(([value, indent]) => JSON.stringify(value, null, indent));

/** A position anywhere in the text, as a fraction; unbiased, as fast-check's edge cases would pile up at the ends. */
const anywhere = fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((value) => value / 2 ** 30);

/** Cut points as fractions of the text; or every character on its own. */
const cuts = fc.oneof(
  { weight: 4, arbitrary: fc.array(anywhere, { maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant('each' as const) },
);

function split(text: string, at: readonly number[] | 'each'): string[] {
  if (at === 'each') return text.split('');
  const points = [...new Set(at.map((fraction) => Math.floor(fraction * text.length)))].toSorted(
    (a, b) => a - b,
  );
  const fragments: string[] = [];
  let start = 0;
  for (const point of points) {
    fragments.push(text.slice(start, point));
    start = point;
  }
  fragments.push(text.slice(start));
  return fragments;
}

// ---- Checkers ----

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality as JSON.parse results compare: Object.is for leaves, same own keys in the same order, plain prototypes. */
function sameJSON(actual: unknown, expected: unknown): boolean {
  const pending: Array<[unknown, unknown]> = [[actual, expected]];
  while (pending.length > 0) {
    const [a, b] = pending.pop()!;
    if (Object.is(a, b)) continue;
    if (Array.isArray(b)) {
      if (!Array.isArray(a) || a.length !== b.length) return false;
      for (let index = 0; index < b.length; index++) pending.push([a[index], b[index]]);
    } else if (isObject(b)) {
      if (!isObject(a) || Object.getPrototypeOf(a) !== Object.prototype) return false;
      const keys = Object.keys(b);
      const actualKeys = Object.keys(a);
      if (actualKeys.length !== keys.length || keys.some((key, index) => actualKeys[index] !== key))
        return false;
      for (const key of keys) pending.push([a[key], b[key]]);
    } else {
      return false;
    }
  }
  return true;
}

/**
 * Why `reading` cannot be a reading of a prefix of the text whose whole value is `final`, or
 * undefined when it can. Only the open path (the last entry of each container, at most one
 * member of an object) may be partial: a string prefix, a number cut short, a container still
 * filling. Every other entry equals its final value exactly. No member appears that the final
 * value lacks, and a literal is never partial.
 */
function prefixViolation(reading: unknown, final: unknown, path = '$'): string | undefined {
  if (reading === undefined) return path === '$' ? undefined : `${path}: undefined entry`;
  if (typeof final === 'string') {
    return typeof reading === 'string' && final.startsWith(reading) ? undefined : `${path}: not a prefix`;
  }
  if (typeof final === 'number') return typeof reading === 'number' ? undefined : `${path}: not a number`;
  if (Array.isArray(final)) {
    if (!Array.isArray(reading) || reading.length > final.length) return `${path}: not a shorter array`;
    for (let index = 0; index < reading.length - 1; index++) {
      if (!sameJSON(reading[index], final[index])) return `${path}[${index}]: completed element differs`;
    }
    const last = reading.length - 1;
    return last < 0 ? undefined : prefixViolation(reading[last], final[last], `${path}[${last}]`);
  }
  if (isObject(final)) {
    if (!isObject(reading) || Object.getPrototypeOf(reading) !== Object.prototype)
      return `${path}: not an object`;
    let open: string | undefined;
    for (const key of Object.keys(reading)) {
      if (!Object.hasOwn(final, key)) return `${path}.${key}: absent from the final value`;
      if (sameJSON(reading[key], final[key])) continue;
      if (open !== undefined) return `${path}: both ${open} and ${key} are partial`;
      open = key;
    }
    return open === undefined ? undefined : prefixViolation(reading[open], final[open], `${path}.${open}`);
  }
  return Object.is(reading, final) ? undefined : `${path}: literal differs`;
}

/**
 * Why `next` cannot follow `previous`: completed entries must keep their identity, so along each
 * container at most one entry (for arrays, the last one) may be replaced, and only along that
 * entry may copies differ. Entries never disappear.
 */
function identityViolation(previous: unknown, next: unknown, path = '$'): string | undefined {
  if (previous === next || previous === undefined) return undefined;
  if (Array.isArray(previous)) {
    if (!Array.isArray(next) || next.length < previous.length) return `${path}: elements disappeared`;
    for (let index = 0; index < previous.length - 1; index++) {
      if (!Object.is(previous[index], next[index])) return `${path}[${index}]: completed element replaced`;
    }
    const last = previous.length - 1;
    return last < 0 ? undefined : identityViolation(previous[last], next[last], `${path}[${last}]`);
  }
  if (isObject(previous)) {
    if (!isObject(next)) return `${path}: no longer an object`;
    let changed: string | undefined;
    for (const key of Object.keys(previous)) {
      if (!Object.hasOwn(next, key)) return `${path}.${key}: member disappeared`;
      if (Object.is(previous[key], next[key])) continue;
      if (changed !== undefined) return `${path}: both ${changed} and ${key} were replaced`;
      changed = key;
    }
    return changed === undefined
      ? undefined
      : identityViolation(previous[changed], next[changed], `${path}.${changed}`);
  }
  return undefined;
}

interface OpenContainer {
  close: ']' | '}';
  /** Where the entry being read starts: after the opener, or at its comma. */
  entryStart: number;
  keyDone: boolean;
  hasValue: boolean;
}

/**
 * The exact reading the contract asks for after `prefix` (a prefix of a valid JSON text), found
 * independently of the parser: cut the entry that has no reading yet (a key, a literal or a number
 * with no digits so far), drop a half-written escape, trim a number to its longest valid prefix,
 * close what is open, and let JSON.parse read the result.
 */
function expectedReading(prefix: string): unknown {
  const stack: OpenContainer[] = [];
  let token: 'none' | 'string' | 'key' | 'number' | 'literal' = 'none';
  let tokenStart = 0;
  const valueDone = (): void => {
    const top = stack.at(-1);
    if (top !== undefined) top.hasValue = true;
  };
  let index = 0;
  while (index < prefix.length) {
    const char = prefix[index]!;
    if (token === 'string' || token === 'key') {
      if (char === '\\') {
        index += 2;
        continue;
      }
      if (char === '"') {
        if (token === 'key') stack.at(-1)!.keyDone = true;
        else valueDone();
        token = 'none';
      }
      index++;
      continue;
    }
    if (token === 'number' && /[-+.eE\d]/.test(char)) {
      index++;
      continue;
    }
    if (token === 'literal' && /[a-z]/.test(char)) {
      index++;
      continue;
    }
    if (token !== 'none') {
      valueDone();
      token = 'none';
    }
    if (char === '[' || char === '{') {
      stack.push({ close: char === '[' ? ']' : '}', entryStart: index + 1, keyDone: false, hasValue: false });
    } else if (char === ']' || char === '}') {
      stack.pop();
      valueDone();
    } else if (char === ',') {
      Object.assign(stack.at(-1)!, { entryStart: index, keyDone: false, hasValue: false });
    } else if (char === '"') {
      const top = stack.at(-1);
      token = top?.close === '}' && !top.keyDone ? 'key' : 'string';
      tokenStart = index;
    } else if (/[-\d]/.test(char)) {
      token = 'number';
      tokenStart = index;
    } else if (/[a-z]/.test(char)) {
      token = 'literal';
      tokenStart = index;
    }
    index++;
  }

  let text = prefix;
  let hasReading = true;
  if (token === 'string') {
    text = `${prefix.slice(0, tokenStart)}${withoutHalfCharacter(prefix.slice(tokenStart))}"`;
  } else if (token === 'number') {
    // Until the character after it, a number may go on: no reading of it yet.
    hasReading = false;
  } else if (token === 'literal') {
    hasReading = ['true', 'false', 'null'].includes(prefix.slice(tokenStart));
  } else if (token === 'key') {
    hasReading = false;
  } else {
    const top = stack.at(-1);
    hasReading = top === undefined || top.hasValue;
  }
  if (!hasReading) {
    const top = stack.at(-1);
    if (top === undefined) return undefined;
    text = prefix.slice(0, top.entryStart);
  }
  for (let depth = stack.length - 1; depth >= 0; depth--) text += stack[depth]!.close;
  return text.trim() === '' ? undefined : JSON.parse(text);
}

/** A serialisation that survives -0 and lone surrogates, to detect later mutation of a snapshot. */
const fingerprint = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (Object.is(item, -0) ? { negativeZero: true } : item)) ??
  'undefined';

/**
 * Streams `fragments` of a valid text and checks every reading, then `end()`; returns the first
 * problem found, or undefined.
 */
function streamProblem(text: string, fragments: readonly string[]): string | undefined {
  const final: unknown = JSON.parse(text);
  const parser = createPartialJSONParser();
  const seen: Array<[unknown, string]> = [];
  let previous: unknown;
  let pushed = '';
  for (const fragment of fragments) {
    parser.push(fragment);
    pushed += fragment;
    const reading = parser.value;
    const where = `after ${JSON.stringify(pushed)}`;
    if (parser.value !== reading) return `${where}: a second read gave a different value`;
    const prefix = prefixViolation(reading, final);
    if (prefix !== undefined) return `${where}: inconsistent with the final value: ${prefix}`;
    if (!sameJSON(reading, expectedReading(pushed))) return `${where}: not the expected reading`;
    const identity = identityViolation(previous, reading);
    if (identity !== undefined) return `${where}: ${identity}`;
    seen.push([reading, fingerprint(reading)]);
    previous = reading;
  }
  if (!sameJSON(parser.end(), final)) return 'end() differs from JSON.parse';
  if (!parser.complete) return 'not complete after end()';
  if (!sameJSON(parser.value, final)) return 'value differs from JSON.parse after end()';
  if (seen.some(([reading, print]) => fingerprint(reading) !== print))
    return 'a snapshot changed after it was read';
  return undefined;
}

// ---- Properties ----

describe('createPartialJSONParser: properties on valid JSON', () => {
  it('agrees with JSON.parse and reads consistently for JSON.stringify output split anywhere', () => {
    fc.assert(
      fc.property(stringifiedText, cuts, (text, at) => {
        expect(streamProblem(text, split(text, at))).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with JSON.parse and reads consistently for hand-written JSON (escapes, __proto__, -0, exponents, whitespace)', () => {
    fc.assert(
      fc.property(jsonText(true), cuts, (text, at) => {
        expect(streamProblem(text, split(text, at))).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with JSON.parse on duplicate keys', () => {
    fc.assert(
      fc.property(jsonText(false), cuts, (text, at) => {
        const parser = createPartialJSONParser();
        for (const fragment of split(text, at)) parser.push(fragment);
        expect(sameJSON(parser.end(), JSON.parse(text))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps own __proto__ members own and Object.prototype untouched', () => {
    const protoKey = fc.constantFrom('"__proto__"', '"\\u005f_proto__"', '"__proto\\u005F_"');
    fc.assert(
      fc.property(protoKey, jsonText(true), cuts, (key, inner, at) => {
        const text = `{${key}: ${inner}}`;
        const parser = createPartialJSONParser();
        const prototypes = new Set<unknown>();
        for (const fragment of split(text, at)) {
          parser.push(fragment);
          if (parser.value !== undefined) prototypes.add(Object.getPrototypeOf(parser.value));
        }
        expect([...prototypes]).toEqual([Object.prototype]);
        const value = parser.end() as Record<string, unknown>;
        expect(Object.hasOwn(value, '__proto__')).toBe(true);
        expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
        expect(sameJSON(value, JSON.parse(text))).toBe(true);
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

/** Drops an escape that has not been written in full from the end of an open string's text. */
function withoutHalfCharacter(head: string): string {
  let index = 1;
  // Where the escape that ends at `index` starts, if one does.
  let lastEscape = -1;
  while (index < head.length) {
    if (head[index] !== '\\') {
      index++;
      lastEscape = -1;
      continue;
    }
    const end = index + (head[index + 1] === 'u' ? 6 : 2);
    if (end > head.length) return withoutHalfPair(head.slice(0, index), lastEscape);
    lastEscape = index;
    index = end;
  }
  return withoutHalfPair(head, lastEscape);
}

const high = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** `head` without a first half of a surrogate pair at its end, raw or as the escape at `escape`. */
function withoutHalfPair(head: string, escape: number): string {
  if (escape >= 0 && head[escape + 1] === 'u' && high(Number.parseInt(head.slice(escape + 2), 16))) {
    return head.slice(0, escape);
  }
  return escape < 0 && high(head.charCodeAt(head.length - 1)) ? head.slice(0, -1) : head;
}

describe('createPartialJSONParser: precise readings of cut-short tokens', () => {
  it('shows a number cut anywhere as nothing yet, and whole once the next character comes', () => {
    fc.assert(
      fc.property(numberText, fc.constantFrom('top', 'array', 'object'), (number, where) => {
        for (let cut = 1; cut <= number.length; cut++) {
          const parser = createPartialJSONParser();
          parser.push(where === 'top' ? '' : where === 'array' ? '[' : '{"n":');
          parser.push(number.slice(0, cut));
          expect(sameJSON(parser.value, where === 'top' ? undefined : where === 'array' ? [] : {})).toBe(
            true,
          );
        }
        const parser = createPartialJSONParser();
        parser.push(where === 'top' ? `${number} ` : where === 'array' ? `[${number},` : `{"n":${number},`);
        const whole = Number(number);
        const wrapped = where === 'top' ? whole : where === 'array' ? [whole] : { n: whole };
        expect(sameJSON(parser.value, wrapped)).toBe(true);
      }),
    );
  });

  it('reads a string cut anywhere as its decoded text up to the last whole character', () => {
    fc.assert(
      fc.property(stringText, (string) => {
        for (let cut = 1; cut < string.text.length; cut++) {
          const expected: unknown = JSON.parse(`${withoutHalfCharacter(string.text.slice(0, cut))}"`);
          const parser = createPartialJSONParser();
          parser.push(string.text.slice(0, cut));
          expect(parser.value).toBe(expected);
        }
      }),
    );
  });
});

// ---- Invalid input: verdicts and positions against JSON.parse ----

/** What V8's JSON.parse message says about where the error is. */
function parsePosition(text: string, message: string): { position?: number; token?: string } {
  const at = /at position (\d+)/.exec(message);
  if (at !== null) return { position: Number(at[1]) };
  if (message.startsWith('Unexpected end of JSON input')) return { position: text.length };
  const token = /^Unexpected token '([\s\S]+?)', /.exec(message);
  if (token !== null) return { token: token[1]! };
  throw new Error(`Unrecognised JSON.parse message: ${message}`);
}

type Outcome = { value: unknown } | { error: JSONParseError } | { problem: string };

/**
 * Feeds `fragments` and ends; returns the value or the error, or a problem when the error came
 * later than the push that brought the offending character, or did not stick.
 */
function run(fragments: readonly string[]): Outcome {
  const parser = createPartialJSONParser();
  let consumed = 0;
  let failure: unknown;
  // Where the offending character may be: in the fragment whose push threw, or at the very end.
  let window = 1;
  for (const fragment of fragments) {
    try {
      parser.push(fragment);
    } catch (error) {
      failure = error;
      window = fragment.length;
      break;
    }
    consumed += fragment.length;
  }
  if (failure === undefined) {
    try {
      return { value: parser.end() };
    } catch (error) {
      failure = error;
    }
  }
  if (!(failure instanceof JSONParseError)) return { problem: `threw ${String(failure)}` };
  const error = failure;
  if (error.position < consumed || error.position >= consumed + window) {
    return { problem: `error at ${error.position} thrown late (after ${consumed} characters)` };
  }
  for (const again of [() => parser.push('1'), () => parser.end()]) {
    try {
      again();
      return { problem: 'a later call did not throw' };
    } catch (later) {
      if (later !== error) return { problem: 'a later call threw a different error' };
    }
  }
  return { error };
}

/** Why we and JSON.parse disagree on whether `text` is valid, on its value, or on where it breaks; undefined if we agree. */
function disagreement(text: string, fragments: readonly string[]): string | undefined {
  let expected: { value: unknown } | { message: string };
  try {
    expected = { value: JSON.parse(text) as unknown };
  } catch (error) {
    expected = { message: (error as Error).message };
  }
  const actual = run(fragments);
  if ('problem' in actual) return actual.problem;
  if ('value' in expected) {
    if (!('value' in actual)) return `rejected valid JSON: ${actual.error.message}`;
    return sameJSON(actual.value, expected.value) ? undefined : 'value differs from JSON.parse';
  }
  if (!('error' in actual)) return `accepted invalid JSON (${expected.message})`;
  const where = parsePosition(text, expected.message);
  const at = actual.error.position;
  if (where.position !== undefined) {
    return at === where.position ? undefined : `position ${at}, JSON.parse: ${expected.message}`;
  }
  const codePoint = String.fromCodePoint(text.codePointAt(at) ?? 0);
  return text[at] === where.token || codePoint === where.token
    ? undefined
    : `position ${at}, JSON.parse: ${expected.message}`;
}

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: anywhere,
    text: fc.oneof(
      fc.constantFrom(
        ',',
        ']',
        '}',
        ':',
        '"',
        '\\',
        ' ',
        'x',
        '0',
        '-',
        '.',
        'e',
        '+',
        't',
        '\u0000',
        '\n',
        '\ufeff',
        '😀',
      ),
      fc.string({ maxLength: 2 }),
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: anywhere }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: anywhere,
    text: fc.constantFrom(',', ':', ']', '}', '"', ' ', '1'),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: anywhere }),
);

/** Containers with several members, so that mutations land in every part of the grammar. */
const mutableText = fc.oneof(
  fc
    .tuple(stringText, jsonText(false), jsonText(false))
    .map(([key, first, second]) => `{${key.text}: ${first}, "b" :[${second}, -1.5e3, true]}`),
  fc
    .tuple(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1, maxKeys: 6 }), fc.constantFrom(0, 2))
    .map(([value, indent]) => JSON.stringify(value, null, indent)),
  fc.array(fc.jsonValue(), { minLength: 1, maxLength: 6 }).map((value) => JSON.stringify(value)),
  jsonText(false),
);

type Mutation =
  | { kind: 'insert' | 'replace'; at: number; text: string }
  | { kind: 'delete' | 'truncate'; at: number };

function mutate(text: string, change: Mutation): string {
  const at = Math.floor(change.at * text.length);
  if (change.kind === 'insert') return text.slice(0, at) + change.text + text.slice(at);
  if (change.kind === 'replace') return text.slice(0, at) + change.text + text.slice(at + 1);
  if (change.kind === 'delete') return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at);
}

describe('createPartialJSONParser: properties on invalid JSON', () => {
  it('agrees with JSON.parse on mutated texts: verdict, value, and error position', () => {
    fc.assert(
      fc.property(
        mutableText,
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        cuts,
        (text, changes, at) => {
          const broken = changes.reduce(mutate, text);
          expect(disagreement(broken, split(broken, at))).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('createPartialJSONParser: invalid inputs against JSON.parse', () => {
  const table: Array<[string, number]> = [
    ['{a:1}', 1],
    ['[1,]', 3],
    ['01', 1],
    ['-01', 2],
    ['1.', 2],
    ['1.x', 2],
    ['1e', 2],
    ['1e+', 3],
    ['[1e]', 3],
    ['-', 1],
    ['-a', 1],
    ['.5', 0],
    ['+1', 0],
    ['"\\x"', 2],
    ['"\\u00zz"', 5],
    ['"\\u12', 5],
    ['"a\nb"', 2],
    ['"\t"', 1],
    ['"\u0000"', 1],
    ['tru e', 3],
    ['tRue', 1],
    ['nul', 3],
    ['[tru]', 4],
    ['truex', 4],
    ['{} x', 3],
    ['1 2', 2],
    ['{"a" 1}', 5],
    ['{"a":1,}', 7],
    ['{"a":1]', 6],
    ['{"a":1 "b":2}', 7],
    ['{"a":1,"b"}', 10],
    ['{,}', 1],
    ['[1 2]', 3],
    ['[1', 2],
    ['{"a":', 5],
    ['"abc', 4],
    ['[', 1],
    [']', 0],
    ['', 0],
    ['  \n', 3],
    ['\ufeff1', 0],
    ['\u00a01', 0],
    ['[1]]', 3],
  ];

  it.each(table)('%j fails at %i, as JSON.parse does', (text, position) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    for (const fragments of [[text], text.split(''), [text.slice(0, 1), text.slice(1)]]) {
      const result = run(fragments);
      expect('error' in result && result.error.position).toBe(position);
      expect(disagreement(text, fragments)).toBeUndefined();
    }
  });
});
