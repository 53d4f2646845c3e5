import { expect, it } from 'vitest';
import { spokenTableRow } from './spoken-table.ts';

it('reads a row as its cells joined by commas, without the pipes', () => {
  expect(spokenTableRow('| Plan | Price |')).toBe('Plan, Price');
  expect(spokenTableRow('  |Pro|$20')).toBe('Pro, $20');
  expect(spokenTableRow('| a \\| b | c |')).toBe('a | b, c');
});

it('says nothing for the delimiter row, and skips empty cells', () => {
  expect(spokenTableRow('| --- | :-: | --: |')).toBe('');
  expect(spokenTableRow('|:---|---:|')).toBe('');
  expect(spokenTableRow('| x |  | y |')).toBe('x, y');
});

it('reads what starts a cell as it is: a number, a # or a dash is no line marker there', () => {
  expect(spokenTableRow('| # | Name |')).toBe('#, Name');
  expect(spokenTableRow('| 2024. | launch |')).toBe('2024., launch');
  expect(spokenTableRow('| Pro | - | $20 |')).toBe('Pro, -, $20');
});

it('reads each cell as prose: link text, not targets', () => {
  expect(spokenTableRow('| [Docs](https://example.com/docs) | ![logo](l.png) |')).toBe('Docs, logo');
});

it('leaves a line without a leading pipe, or indented as code, to prose', () => {
  expect(spokenTableRow('a | b')).toBeUndefined();
  expect(spokenTableRow('    | code |')).toBeUndefined();
  expect(spokenTableRow('Use a || b.')).toBeUndefined();
});
