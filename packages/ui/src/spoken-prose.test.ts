import fc from 'fast-check';
import { expect, it } from 'vitest';
import { LINE_START, readProse, spokenProse } from './spoken-prose.ts';

it('drops heading markers, link brackets and link targets, keeping the words', () => {
  expect(spokenProse('## Why streaming matters', true)).toBe('Why streaming matters');
  expect(spokenProse('See [the docs](https://example.com/docs) and [this].', true)).toBe(
    'See the docs and this.',
  );
  expect(spokenProse('![A chart](chart.png) shows it!', true)).toBe('A chart shows it!');
  expect(spokenProse('#hashtag, 7 # signs, ####### seven', true)).toBe('#hashtag, 7 # signs, ####### seven');
  expect(spokenProse('    # indented code, not a heading', true)).toBe('    # indented code, not a heading');
});

it('says nothing of a link reference definition, which is not shown, even while it streams', () => {
  const definition = '[note]: https://x.example "Your account is locked. Call 555-0100."';
  expect(spokenProse(definition, true)).toBe('');
  for (let end = 1; end <= definition.length; end++)
    expect(spokenProse(definition.slice(0, end), false)).toBe('');
  // A line that only begins like one is a paragraph, shown, and said once whole.
  expect(spokenProse('[Note]: Remember to back up your files first.', true)).toBe(
    'Note: Remember to back up your files first.',
  );
  expect(spokenProse('[Note]: Remember to back up', false)).toBe('');
  // A link at a line's start is read once it shows it is one.
  expect(spokenProse('[Read more](https://example.com) below', true)).toBe('Read more below');
  expect(spokenProse('[x]', true)).toBe('x');
});

it('drops list markers and thematic breaks', () => {
  expect(spokenProse('1. The first words arrive.', true)).toBe('The first words arrive.');
  expect(spokenProse('  - a bullet', true)).toBe('a bullet');
  expect(spokenProse('      2. a nested item', true)).toBe('a nested item');
  expect(spokenProse('12) twelfth', true)).toBe('twelfth');
  expect(spokenProse('* * *', true)).toBe('');
  expect(spokenProse('---', true)).toBe('');
  expect(spokenProse('1.5 is a number, -1 too, and *this* stays', true)).toBe(
    '1.5 is a number, -1 too, and *this* stays',
  );
});

it("drops a quote's markers, nested ones and a list inside too", () => {
  expect(spokenProse('> Streaming is kind to readers.', true)).toBe('Streaming is kind to readers.');
  expect(spokenProse('> > Said twice.', true)).toBe('Said twice.');
  expect(spokenProse('> - A point in a quote', true)).toBe('A point in a quote');
  expect(spokenProse('Less > more, but 3 > 2', true)).toBe('Less > more, but 3 > 2');
});

it('drops a whole link target: balanced parentheses, escapes and a title', () => {
  expect(spokenProse('[w](https://en.wikipedia.org/wiki/Rust_(language)) is', true)).toBe('w is');
  expect(spokenProse('[a](x\\)y) [b](u "The title") [c](v (note)) [d]() end', true)).toBe('a b c d end');
});

it('speaks on once the words after a lone `](` show it was no link', () => {
  expect(spokenProse('a [b](c', false)).toBe('a b');
  expect(spokenProse('a [b](c ', false)).toBe('a b');
  expect(spokenProse('a [b](c and d', false)).toBe('a b(c and d');
  expect(spokenProse('a [b](c and [d](e)', true)).toBe('a b(c and d');
  expect(spokenProse('a [b](c "t" x', true)).toBe('a b(c "t" x');
  expect(spokenProse('a [b](c', true)).toBe('a b(c');
});

it("drops a task item's box: the rendered checkbox says whether it is done", () => {
  expect(spokenProse('- [x] Ship it', true)).toBe('Ship it');
  expect(spokenProse('  * [ ] Write docs', true)).toBe('Write docs');
  expect(spokenProse('1. [X] Done', true)).toBe('Done');
  expect(spokenProse('- [x', false)).toBe('');
  expect(spokenProse('- [link](u) text', true)).toBe('link text');
  expect(spokenProse('# [x] a heading', true)).toBe('x a heading');
});

it('waits on a line beginning that may still be a heading marker or an image', () => {
  expect(spokenProse('##', false)).toBe('');
  expect(spokenProse('##', true)).toBe('');
  expect(spokenProse('Wow!', false)).toBe('Wow');
  expect(spokenProse('Wow!', true)).toBe('Wow!');
});

/** Pieces of a line that make its markers, breaks and links, whole or cut anywhere. */
const linePiece = fc.constantFrom(
  '#',
  '## ',
  ' ',
  '[',
  ']',
  '(',
  ')',
  '](',
  '!',
  '![',
  'word',
  '.',
  '-',
  '*',
  '1',
  '2.',
  '_',
  '"',
  '\\',
  '\t',
  '- [x] ',
  '[ ]',
  'x',
);

it('speaks any beginning of a line as a beginning of the whole line', () => {
  fc.assert(
    fc.property(fc.array(linePiece, { maxLength: 20 }), fc.nat(), (pieces, at) => {
      const line = pieces.join('');
      const cut = at % (line.length + 1);
      const partial = spokenProse(line.slice(0, cut), false);
      expect(spokenProse(line, false).startsWith(partial)).toBe(true);
      expect(spokenProse(line, true).startsWith(spokenProse(line, false))).toBe(true);
    }),
    { numRuns: 3000 },
  );
});

it('waits past a list marker for what follows it: a task box is not said', () => {
  // Read on from "2. ", the box that came next was read as its brackets' text.
  const first = readProse('2. ', false);
  expect(readProse('2. [ ]', false, first).spoken).toBe(spokenProse('2. [ ]', false));
  expect(readProse('2. [ ] Call back', true, readProse('2. [ ]', false, first)).spoken).toBe('Call back');
});

it('goes on from a checkpoint as if it read the whole line again', () => {
  fc.assert(
    fc.property(fc.array(fc.array(linePiece, { maxLength: 4 }), { maxLength: 10 }), (steps) => {
      let line = '';
      let checkpoint = LINE_START;
      for (const step of steps) {
        line += step.join('');
        checkpoint = readProse(line, false, checkpoint);
        expect(checkpoint.spoken).toBe(spokenProse(line, false));
      }
      expect(readProse(line, true, checkpoint).spoken).toBe(spokenProse(line, true));
    }),
    { numRuns: 3000 },
  );
});
