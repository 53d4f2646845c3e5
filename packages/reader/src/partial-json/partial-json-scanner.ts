import { ContainerFrame, readOpenPath } from './container-frame.ts';
import {
  type JSONParseError,
  trailingCharacter,
  unexpectedCharacter,
  unexpectedEnd,
} from './json-parse-error.ts';
import { JSON_ESCAPES } from './json-escapes.ts';
import type { PartialJSONParser } from './partial-json-parser.ts';

// Where the scanner stands in the grammar between two characters.
const VALUE = 0; // a value must start: top level, after ':', after ',' in an array
const ARRAY_FIRST = 1; // after '[': a value or ']'
const OBJECT_FIRST = 2; // after '{': a key or '}'
const KEY = 3; // after ',' in an object: a key
const COLON = 4;
const AFTER_VALUE = 5; // inside a container, after a value: ',' or the closing bracket
const DONE = 6; // after the top-level value: whitespace only
const STRING = 7;
const ESCAPE = 8; // after '\' in a string
const UNICODE = 9; // inside the four hex digits of '\u'
const NUMBER = 10;
const LITERAL = 11; // inside true, false or null

/** What each state wants next, for error messages (AFTER_VALUE, NUMBER and LITERAL are built). */
const EXPECTED = [
  'expected a value',
  "expected a value or ']'",
  "expected a property name or '}'",
  'expected a property name',
  "expected ':' after the property name",
  '',
  '',
  'unescaped control character in a string',
  'invalid escape',
  'expected a hex digit',
];

// Where a number token stands; ZERO, INT, FRAC and EXP_DIGITS may end the number.
const MINUS = 0;
const ZERO = 1;
const INT = 2;
const DOT = 3;
const FRAC = 4;
const EXP = 5;
const EXP_SIGN = 6;
const EXP_DIGITS = 7;

const isWhitespace = (code: number): boolean =>
  code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const canEndNumber = (phase: number): boolean =>
  phase === ZERO || phase === INT || phase === FRAC || phase === EXP_DIGITS;

/** The number phase after `code`, or -1 when `code` cannot continue a number in `phase`. */
function nextNumberPhase(phase: number, code: number): number {
  if (isDigit(code)) {
    if (phase === MINUS) return code === 0x30 ? ZERO : INT;
    if (phase === DOT) return FRAC;
    if (phase === EXP || phase === EXP_SIGN) return EXP_DIGITS;
    // After a leading zero the number ends, and the digit is rejected where the number stands.
    return phase === ZERO ? -1 : phase;
  }
  if (code === 0x2e /* . */) return phase === ZERO || phase === INT ? DOT : -1;
  if (code === 0x65 /* e */ || code === 0x45 /* E */) {
    return phase === ZERO || phase === INT || phase === FRAC ? EXP : -1;
  }
  if (code === 0x2b /* + */ || code === 0x2d /* - */) return phase === EXP ? EXP_SIGN : -1;
  return -1;
}

/**
 * The state machine behind `createPartialJSONParser`: one pass over each fragment, an explicit
 * stack of open containers (no recursion, so nesting depth is bounded only by memory), values
 * built as they complete. See `PartialJSONParser` for the contract.
 */
export class PartialJSONScanner implements PartialJSONParser {
  #state = VALUE;
  readonly #stack: ContainerFrame[] = [];
  /** Characters consumed by earlier pushes: turns fragment indexes into whole-text positions. */
  #offset = 0;
  /** The open string's characters so far, decoded; one growing string (appends are cheap ropes). */
  #text = '';
  /** Whether `#text` ends in the first half of a surrogate pair (kept apart: reading its end would flatten it). */
  #halfPair = false;
  #isKey = false;
  #hexCount = 0;
  #hexCode = 0;
  /** The open number's text so far (numbers may be split across pushes). */
  #numberText = '';
  #numberPhase = MINUS;
  /** The literal being read (`true`, `false` or `null`) and how much of it was read. */
  #literal = '';
  #literalIndex = 0;
  #root: unknown = undefined;
  #failure: JSONParseError | undefined = undefined;
  #ended = false;
  /** The last reading handed out, and whether a push may have changed it since. */
  #reading: unknown = undefined;
  #stale = false;
  #readCost = 0;

  /** True once the top-level value is complete. */
  get complete(): boolean {
    return this.#state === DONE;
  }

  /** The current reading; see `PartialJSONParser.value`. */
  get value(): unknown {
    if (this.#stale) {
      this.#reading = this.#read();
      this.#stale = false;
    }
    return this.#reading;
  }

  /**
   * The reading of a text cut off for good, as the official SDK gives a cut tool input: `value`
   * without a string still open, which would be a wrong value (a file path cut short), not a
   * shorter one. Numbers already show only once whole.
   */
  get cutValue(): unknown {
    return this.#read(false);
  }

  /**
   * Entries the last reading of `value` copied: about what the next one costs while the same
   * containers stay open. The reader uses it to pace its own reads of wide tool inputs.
   */
  get readCost(): number {
    return this.#readCost;
  }

  /** Consumes one fragment; see `PartialJSONParser.push`. */
  push(fragment: string): void {
    if (this.#failure !== undefined) throw this.#failure;
    if (this.#ended) throw new Error('push() called after end()');
    if (typeof fragment !== 'string') throw new TypeError(`push() takes a string, got ${typeof fragment}`);
    const length = fragment.length;
    if (length === 0) return;
    this.#stale = true;
    const stack = this.#stack;
    let state = this.#state;
    let text = this.#text;
    let numberStart = 0;
    let i = 0;
    // Every `break scan` stops at the character `i` that cannot continue the text.
    scan: while (i < length) {
      const code = fragment.charCodeAt(i);
      switch (state) {
        case STRING: {
          const start = i;
          let c = code;
          while (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
            if (++i === length) break;
            c = fragment.charCodeAt(i);
          }
          if (i > start) {
            text += fragment.slice(start, i);
            this.#halfPair = isHighSurrogate(fragment.charCodeAt(i - 1));
          }
          if (i === length) break scan;
          if (c < 0x20) break scan;
          i++;
          if (c === 0x5c) {
            state = ESCAPE;
          } else {
            if (this.#isKey) {
              stack[stack.length - 1]!.key = text;
              state = COLON;
            } else {
              state = this.#finish(text);
            }
            text = '';
            this.#halfPair = false;
          }
          continue;
        }
        case ESCAPE: {
          if (code === 0x75) {
            this.#hexCount = 0;
            this.#hexCode = 0;
            state = UNICODE;
          } else {
            const decoded = JSON_ESCAPES[code];
            if (decoded === undefined) break scan;
            text += decoded;
            this.#halfPair = false;
            state = STRING;
          }
          i++;
          continue;
        }
        case UNICODE: {
          const digit = Number.parseInt(fragment[i]!, 16);
          if (Number.isNaN(digit)) break scan;
          this.#hexCode = this.#hexCode * 16 + digit;
          if (++this.#hexCount === 4) {
            // Code units are appended one by one, so a pair written as two escapes joins up, and a
            // lone surrogate stays as JSON.parse keeps it.
            text += String.fromCharCode(this.#hexCode);
            this.#halfPair = isHighSurrogate(this.#hexCode);
            state = STRING;
          }
          i++;
          continue;
        }
        case NUMBER: {
          const next = nextNumberPhase(this.#numberPhase, code);
          if (next >= 0) {
            this.#numberPhase = next;
            i++;
            continue;
          }
          if (!canEndNumber(this.#numberPhase)) break scan;
          // The number ended just before this character, which the next state reads again.
          const token = this.#numberText + fragment.slice(numberStart, i);
          this.#numberText = '';
          state = this.#finish(Number(token));
          continue;
        }
        case LITERAL: {
          const literal = this.#literal;
          if (code !== literal.charCodeAt(this.#literalIndex)) break scan;
          i++;
          if (++this.#literalIndex === literal.length) {
            state = this.#finish(literal === 'null' ? null : literal === 'true');
          }
          continue;
        }
        case DONE: {
          if (!isWhitespace(code)) break scan;
          i++;
          continue;
        }
      }
      // The structural states: whitespace may come first.
      if (isWhitespace(code)) {
        i++;
        continue;
      }
      if (state === VALUE || state === ARRAY_FIRST) {
        if (code === 0x22) {
          this.#isKey = false;
          state = STRING;
        } else if (code === 0x7b /* { */) {
          stack.push(new ContainerFrame(false));
          state = OBJECT_FIRST;
        } else if (code === 0x5b /* [ */) {
          stack.push(new ContainerFrame(true));
          state = ARRAY_FIRST;
        } else if (code === 0x2d || isDigit(code)) {
          this.#numberPhase = code === 0x2d ? MINUS : code === 0x30 ? ZERO : INT;
          numberStart = i;
          state = NUMBER;
        } else if (code === 0x74 /* t */ || code === 0x66 /* f */ || code === 0x6e /* n */) {
          this.#literal = code === 0x74 ? 'true' : code === 0x66 ? 'false' : 'null';
          this.#literalIndex = 1;
          state = LITERAL;
        } else if (code === 0x5d /* ] */ && state === ARRAY_FIRST) {
          state = this.#finish(stack.pop()!.container);
        } else {
          break scan;
        }
      } else if (state === OBJECT_FIRST || state === KEY) {
        if (code === 0x22) {
          this.#isKey = true;
          state = STRING;
        } else if (code === 0x7d /* } */ && state === OBJECT_FIRST) {
          state = this.#finish(stack.pop()!.container);
        } else {
          break scan;
        }
      } else if (state === COLON) {
        if (code !== 0x3a /* : */) break scan;
        state = VALUE;
      } else {
        const frame = stack[stack.length - 1]!;
        if (code === 0x2c /* , */) {
          state = frame.isArray ? VALUE : KEY;
        } else if (code === (frame.isArray ? 0x5d : 0x7d)) {
          stack.pop();
          state = this.#finish(frame.container);
        } else {
          break scan;
        }
      }
      i++;
    }
    if (state === NUMBER) this.#numberText += fragment.slice(numberStart, i);
    this.#state = state;
    this.#text = text;
    const position = this.#offset + i;
    this.#offset += length;
    if (i < length) {
      const code = fragment.charCodeAt(i);
      this.#fail(
        state === DONE
          ? trailingCharacter(code, position)
          : unexpectedCharacter(code, position, this.#expected(state)),
      );
    }
  }

  /** Ends the text; see `PartialJSONParser.end`. */
  end(): unknown {
    if (this.#failure !== undefined) throw this.#failure;
    if (!this.#ended) {
      if (this.#state === NUMBER && canEndNumber(this.#numberPhase)) {
        this.#state = this.#finish(Number(this.#numberText));
        this.#numberText = '';
        this.#stale = true;
      }
      if (this.#state !== DONE) this.#fail(unexpectedEnd(this.#offset));
      this.#ended = true;
    }
    return this.#root;
  }

  /** Completes a value: it becomes the root, or the open container's next entry. */
  #finish(value: unknown): number {
    const frame = this.#stack[this.#stack.length - 1];
    if (frame === undefined) {
      this.#root = value;
      return DONE;
    }
    frame.add(value);
    return AFTER_VALUE;
  }

  /** What `state` wanted instead of the character that broke the text. */
  #expected(state: number): string {
    if (state === NUMBER) {
      return this.#numberPhase === EXP ? 'expected a sign or digit' : 'expected a digit';
    }
    if (state === LITERAL) return `expected '${this.#literal}'`;
    if (state === AFTER_VALUE) {
      const close = this.#stack[this.#stack.length - 1]!.isArray ? ']' : '}';
      return `expected ',' or '${close}'`;
    }
    return EXPECTED[state]!;
  }

  #fail(error: JSONParseError): never {
    this.#failure = error;
    throw error;
  }

  #read(openString = true): unknown {
    const state = this.#state;
    if (state === DONE) return this.#root;
    let innermost: unknown;
    if (openString && (state === STRING || state === ESCAPE || state === UNICODE) && !this.#isKey) {
      // Half an emoji (`\ud83d` of `\ud83d\ude00`, the other half in the next fragment) is no
      // character to show yet.
      innermost = this.#halfPair ? this.#text.slice(0, -1) : this.#text;
    }
    // A number shows once it is whole: `12` of `12345` would be a wrong value, not a shorter one
    // (a price, a count in a card filling in live).
    if (this.#stack.length === 0) return innermost;
    const { reading, copied } = readOpenPath(this.#stack, innermost, this.#reading);
    this.#readCost = copied;
    return reading;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
