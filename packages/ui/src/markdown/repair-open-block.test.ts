import { describe, expect, it } from 'vitest';
import { repairOpenBlock, withoutClosingFence } from './repair-open-block.ts';

const EMPTY_BODY = '| --- |';

describe('repairOpenBlock', () => {
  it('shows the header of a table whose delimiter row is still arriving', () => {
    const delimiters = ['|-', '| -', '| --', '|:-', '| :--- |', '| --- | :-', '|---|--:|', '  | - |  |'];
    expect(delimiters.map((delimiter) => repairOpenBlock(`| a | b |\n${delimiter}`))).toEqual(
      delimiters.map(() => `| a | b |\n|${' --- |'.repeat(2)}\n`),
    );
  });

  it('shows a table from its header row on, while the header and the delimiter row arrive', () => {
    expect(repairOpenBlock('| Feature | Sta')).toBe('| Feature | Sta|\n| --- | --- |\n');
    expect(repairOpenBlock('| Feature | **Sta')).toBe('| Feature | **Sta**|\n| --- | --- |\n');
    expect(repairOpenBlock('| a | b |\n')).toBe('| a | b |\n| --- | --- |\n');
    expect(repairOpenBlock('| a | b |\n|')).toBe('| a | b |\n| --- | --- |\n');
    // A line that only opens one, nothing in it yet: no empty table.
    expect(repairOpenBlock('| ')).toBe('| ');
    // Cells split as marked splits them: at every pipe not escaped (in a code span too).
    expect(repairOpenBlock('| a \\| b | c')).toBe('| a \\| b | c|\n| --- | --- |\n');
    expect(repairOpenBlock('| a \\\\| b')).toBe('| a \\\\| b|\n| --- | --- |\n');
    expect(repairOpenBlock('| Type | `string | number` | No')).toBe(
      '| Type | `string` | number`` | No|\n| --- | --- | --- | --- |\n',
    );
    // Prose that begins with a pipe.
    expect(repairOpenBlock('|x| is the absolute value')).toBe('|x| is the absolute value');
    expect(repairOpenBlock('|| is the logical OR')).toBe('|| is the logical OR');
  });

  it("repairs a table's last row as it is written: no raw markers, no link to half an address", () => {
    const table = '| API | Status |\n| --- | --- |\n| fetch | **stable** |\n';
    expect(repairOpenBlock(`${table}| EventSource | **ye`)).toBe(`${table}| EventSource | **ye**\n`);
    expect(repairOpenBlock(`${table}| \`EventSou`)).toBe(`${table}| \`EventSou\`\n`);
    expect(repairOpenBlock(`${table}| XHR | [deprecated](https://developer.chr`)).toBe(
      `${table}| XHR | deprecated\n`,
    );
    expect(repairOpenBlock(`${table}| XHR | ~~legac`)).toBe(`${table}| XHR | ~~legac~~\n`);
  });

  it("shows a link's text once its ] came, not a task item's box or a note's number", () => {
    expect(repairOpenBlock('See [the docs]')).toBe('See the docs');
    expect(repairOpenBlock('- [x]')).toBe('- [x]');
    expect(repairOpenBlock('See [1]')).toBe('See [1]');
    expect(repairOpenBlock('See [12] and [^1]')).toBe('See [12] and [^1]');
  });

  it('keeps the emphasis that closes: bold then italic, and bold italics closed in two', () => {
    expect(repairOpenBlock('Very **bold *italic*')).toBe('Very **bold *italic***');
    expect(repairOpenBlock('***Warning:** read this* and')).toBe('***Warning:** read this* and');
  });

  it('leaves out a closing fence being typed, in a list item or a quote too, not a line of code', () => {
    expect(repairOpenBlock('1. Install:\n   ```sh\n   npm i\n   ``')).toBe(
      '1. Install:\n   ```sh\n   npm i\n',
    );
    expect(repairOpenBlock('> ```sh\n> npm i\n> ``')).toBe('> ```sh\n> npm i\n');
    // A fence after a quote's or a list's marker is no inline code to close.
    expect(repairOpenBlock('> ```sh\n> npm install')).toBe('> ```sh\n> npm install');
    expect(repairOpenBlock('- ```sh\n  npm install')).toBe('- ```sh\n  npm install');
    // A line already ended is code.
    expect(withoutClosingFence('````md\n```js\nx\n```\n', '```js\nx\n```')).toBe('```js\nx\n```');
    expect(withoutClosingFence('```ts\nconst a = 1;\n``', 'const a = 1;\n``')).toBe('const a = 1;');
  });

  it('leaves a second line that is no delimiter row alone', () => {
    const lines = ['| - x', 'x-', '| a | b |', '|||', '  ', '| :: |'];
    for (const repaired of lines.map((line) => repairOpenBlock(`| a |\n${line}`))) {
      expect(repaired).not.toContain(EMPTY_BODY);
    }
  });

  it('refuses long near-delimiter lines at once (their former pattern took exponential time)', () => {
    // `^\s*\|?(?:\s*:?-*:?\s*\|?)*\s*$` took about 100 s on 16 spaces and a letter; on these it would not finish.
    for (const line of [
      `${' '.repeat(10_000)}x-`,
      `${'-:'.repeat(10_000)}x`,
      `|${' -'.repeat(10_000)}x`,
      `${'| :-: '.repeat(10_000)}x`,
    ]) {
      expect(repairOpenBlock(`| a |\n${line}`)).not.toContain(EMPTY_BODY);
    }
    const long = `| a |\n|${' -'.repeat(10_000)}`;
    expect(repairOpenBlock(long)).toBe('| a |\n| --- |\n');
  });

  it('shows the text of a half-written link or image, and of a long line of brackets', () => {
    expect(repairOpenBlock('Read [the docs](https://exa')).toBe('Read the docs');
    expect(repairOpenBlock('See ![the chart](/ch')).toBe('See the chart');
    expect(repairOpenBlock('Read [the do')).toBe('Read the do');
    expect(repairOpenBlock('Escaped \\[not a link](x')).toBe('Escaped \\[not a link](x');
    // Each `[` was scanned to the end of the line: quadratic, seconds per token on 40 KB.
    const brackets = `${' ['.repeat(20_000)}]`;
    expect(repairOpenBlock(brackets) === brackets).toBe(true);
    // The link's text, then its own open `[`, is what remains.
    expect(repairOpenBlock(`${'['.repeat(20_000)}](x`)).toHaveLength(19_998);
  });
});
