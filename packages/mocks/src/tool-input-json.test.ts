import { partialParse } from '@anthropic-ai/sdk/_vendor/partial-json-parser/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from './scenario-types.ts';
import { readCutToolInput, stringifyToolInput } from './tool-input-json.ts';

const documents: JsonObject[] = [
  { location: 'San Francisco, CA', unit: 'celsius' },
  { days: 12, nested: { a: [1, 2.5, true, null, 'x'] }, f: false, g: -0.5e-7 },
  { empty: {}, list: [], deep: [[[]], { k: [{}] }], last: 10 },
  { text: 'quote " backslash \\ newline \n tab \t', emoji: '👩‍👩‍👧 🇫🇷', arabic: 'مرحبا' },
];

/** What the official SDK shows for a cut buffer (it reads `{}` before any JSON arrived). */
function sdkReading(text: string): unknown {
  return text === '' ? {} : partialParse(text);
}

describe('stringifyToolInput', () => {
  it('is valid JSON for the same value, with spaces after separators', () => {
    for (const document of documents) {
      const text = stringifyToolInput(document);
      expect(JSON.parse(text)).toEqual(document);
    }
    expect(stringifyToolInput({ a: [1, 2], b: 'x' })).toBe('{"a": [1, 2], "b": "x"}');
  });
});

describe('readCutToolInput agrees with the SDK for every cut', () => {
  it.each(documents.map((document) => [stringifyToolInput(document), document] as const))(
    '%s',
    (text, document) => {
      const prefixes = Array.from({ length: text.length + 1 }, (_, length) => text.slice(0, length));
      const ours = prefixes.map((prefix) => [prefix, readCutToolInput(document, prefix.length)]);
      const sdk = prefixes.map((prefix) => [prefix, sdkReading(prefix)]);
      {
        expect(ours).toEqual(sdk);
      }
    },
  );

  it('on arbitrary JSON objects', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).filter((value) => !Object.is(value, -0));
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 4 }),
        fc.nat(),
        (value, seed) => {
          const document = JSON.parse(JSON.stringify(value)) as JsonObject;
          const text = stringifyToolInput(document);
          const length = seed % (text.length + 1);
          expect(readCutToolInput(document, length)).toEqual(sdkReading(text.slice(0, length)));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
