import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSpokenTextReader, spokenText, withoutEmphasis } from './spoken-text.ts';

describe('spokenText', () => {
  it('describes a fenced code block instead of reading it, prose as it is', () => {
    const answer = 'Run this:\n```sh\nnpm install\nnpm test\n```\nThen open the demo.';
    expect(spokenText(answer, true)).toBe('Run this:\nCode block in sh, 2 lines.\nThen open the demo.');
    expect(spokenText('~~~\nx\n~~~', true)).toBe('Code block, 1 line.');
    expect(spokenText('- step:\n    ```js\n    run()\n    ```', true)).toBe(
      'step:\nCode block in js, 1 line.',
    );
    expect(spokenText('1. ```sh\n   npm test\n   ```\n2. Done.', true)).toBe(
      'Code block in sh, 1 line.\nDone.',
    );
  });

  it('follows the closing-fence rules: same character, at least as long, nothing after it', () => {
    const answer = '````md\n```\nnot the end\n```` trailing\n~~~~\n````\nAfter.';
    expect(spokenText(answer, true)).toBe('Code block in md, 4 lines.\nAfter.');
  });

  it('reads inline code and a backtick line that is no fence as text', () => {
    expect(spokenText('Use `npm test`.\n``not a fence``\n```js `x` is inline```', true)).toBe(
      'Use `npm test`.\n``not a fence``\n```js `x` is inline```',
    );
  });

  it('describes a block left open when the answer ended, not while it streams', () => {
    expect(spokenText('Code:\n```py\nprint(1)\n', false)).toBe('Code:\n');
    expect(spokenText('Code:\n```py\nprint(1)\n', true)).toBe('Code:\nCode block in py, 1 line.');
  });

  it('holds back a last line that may still become a fence, and only that', () => {
    expect(spokenText('Hello.\nWorld is', false)).toBe('Hello.\nWorld is');
    expect(spokenText('Hello.\n``', false)).toBe('Hello.\n');
    expect(spokenText('Hello.\n  ', false)).toBe('Hello.\n');
    expect(spokenText('Hello.\n``', true)).toBe('Hello.\n``');
  });

  it('speaks prose without heading markers and link targets', () => {
    expect(spokenText('## Setup\nRead [the guide](https://example.com/guide) first.', true)).toBe(
      'Setup\nRead the guide first.',
    );
  });

  it('reads a table row by row, its cells joined by commas, once each row is whole', () => {
    const table = 'Plans:\n\n| Plan | Price |\n| --- | ---: |\n| Pro | $20 |\n| Team | $30 |';
    expect(spokenText(table, true)).toBe('Plans:\n\nPlan, Price\nPro, $20\nTeam, $30');
    expect(spokenText(table, false)).toBe('Plans:\n\nPlan, Price\nPro, $20\n');
    expect(spokenText('| Plan | Pri', false)).toBe('');
  });

  it('takes a custom description (e.g. another language)', () => {
    expect(
      spokenText('```ts\na\nb\n```', true, (language, lines) => `Code ${language} : ${lines} lignes.`),
    ).toBe('Code ts : 2 lignes.');
  });

  // The announcer feeds what was added since the last render: a spoken text that changed behind
  // its end would make it start over and read the whole answer again.
  it('only grows by appending while the answer streams, and the ended text extends it', () => {
    const piece = fc.constantFrom(
      '```',
      '````',
      '~~~',
      '```js',
      '`',
      '``',
      '~',
      ' ',
      '  ',
      '\n',
      'text',
      '.',
      ' x`y`',
      '#',
      '## ',
      '[a](',
      ')',
      '!',
      '- ',
      '1. ',
      '|',
      ' | ',
      '---',
      '- [x] ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), (pieces, at) => {
        const answer = pieces.join('');
        const cut = at % (answer.length + 1);
        const before = spokenText(answer.slice(0, cut), false);
        expect(spokenText(answer, false).startsWith(before)).toBe(true);
        expect(spokenText(answer, true).startsWith(spokenText(answer, false))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads an answer fed piece by piece as it reads the whole', () => {
    const piece = fc.constantFrom(
      '```',
      '~~~',
      '```py',
      '`',
      ' ',
      '\n',
      'text',
      '.',
      '# ',
      '[a](b)',
      '](',
      '!',
      '- ',
      '1.',
      '| a ',
      '|',
      ':-:',
      '[ ] ',
    );
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 6 }), { maxLength: 12 }), (steps) => {
        const reader = createSpokenTextReader();
        let answer = '';
        for (const step of steps) {
          answer += step.join('');
          expect(reader(answer, false)).toBe(spokenText(answer, false));
        }
        expect(reader(answer, true)).toBe(spokenText(answer, true));
        expect(reader(answer, true)).toBe(spokenText(answer, true));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('withoutEmphasis', () => {
  it('drops the markers of emphasis, strike-through and code spans, and no other symbol', () => {
    expect(withoutEmphasis('**Bold**, *italic*, __bold__, _italic_, ~~gone~~ and `code`.')).toBe(
      'Bold, italic, bold, italic, gone and code.',
    );
    expect(withoutEmphasis('2 * 3 = 6, snake_case, file_name.py, a ~ b, 5 ** 2')).toBe(
      '2 * 3 = 6, snake_case, file_name.py, a ~ b, 5 ** 2',
    );
    expect(withoutEmphasis('Très **très** bien, *日本語*.')).toBe('Très très bien, 日本語.');
    expect(withoutEmphasis('No markers at all.')).toBe('No markers at all.');
  });
});
