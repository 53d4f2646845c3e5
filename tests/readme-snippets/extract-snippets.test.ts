import { expect, it } from 'vitest';
import { extractSnippets } from './extract-snippets.ts';

it('takes the ts and tsx blocks only, with their lines in the README', () => {
  const markdown = [
    '```sh', //
    'npm test',
    '```',
    '````md',
    '```ts',
    'quoted();',
    '```',
    '````',
    '```ts',
    'first();',
    '```',
    '1. Item',
    '',
    '   ```tsx title="x"',
    '   <X />;',
    '     indented();',
    '   ```',
  ].join('\n');

  expect(extractSnippets(markdown, 'README.md')).toEqual([
    {
      readme: 'README.md',
      fenceLine: 9,
      lang: 'ts',
      fileName: undefined,
      lines: [{ text: 'first();', line: 10, indent: 0 }],
    },
    {
      readme: 'README.md',
      fenceLine: 14,
      lang: 'tsx',
      fileName: undefined,
      lines: [
        { text: '<X />;', line: 15, indent: 3 },
        { text: '  indented();', line: 16, indent: 3 },
      ],
    },
  ]);
});

it('puts the prelude of the comment before a fence first, and reads the file a block names', () => {
  const markdown = [
    '<!-- prelude:', //
    'declare const a: number;',
    '-->',
    '',
    '```ts',
    '// src/answer.ts, the answer',
    'a;',
    '```',
    '<!-- just a comment -->',
    '```ts',
    'b;',
    '```',
  ].join('\n');

  const [first, second] = extractSnippets(markdown, 'README.md');

  expect(first?.fileName).toBe('src/answer.ts');
  expect(first?.lines.map(({ text, line }) => [text.trim(), line])).toEqual([
    ['', 1],
    ['declare const a: number;', 2],
    ['', 3],
    ['// src/answer.ts, the answer', 6],
    ['a;', 7],
  ]);
  expect(second?.lines.map(({ text }) => text)).toEqual(['b;']);
});
