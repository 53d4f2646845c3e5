import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { checkSnippets, type SnippetResult } from './check-snippets.ts';
import { extractSnippets } from './extract-snippets.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

// One markdown text, so that one program (which takes seconds to build) checks every case.
const markdown = [
  '# Example', //
  '',
  '```ts',
  "const count: number = 'three';",
  '```',
  '',
  '<!-- prelude: declare const chat: { send(text: string): Promise<void> }; -->',
  '',
  '```ts',
  "await chat.send('Hello');",
  '```',
  '',
  '- In a list:',
  '',
  '  ```tsx',
  "  const element = <p title={1}>{'text'}</p>;",
  '  ```',
  '',
  '```ts',
  '// src/answer.ts',
  'export const answer = 42;',
  '```',
  '',
  '```ts',
  "import { answer } from './src/answer.ts';",
  'const half: string = answer / 2;',
  '```',
  '',
  '```ts',
  "import { streamMessage } from '@chatstream/reader';",
  'const items: string[] = [];',
  'const first: string = items[0];',
  "streamMessage({ url: '/api/chat' }, { idleTimeoutMs: '30s' });",
  '```',
].join('\n');

let results: SnippetResult[] = [];

beforeAll(() => {
  results = checkSnippets(extractSnippets(markdown, 'docs/EXAMPLE.md'), { root });
});

function errorsAt(fenceLine: number): string[] | undefined {
  return results.find((result) => result.snippet.fenceLine === fenceLine)?.errors;
}

it('names the README, the fence and the README position of what TypeScript refuses', () => {
  expect(errorsAt(3)).toEqual([
    "docs/EXAMPLE.md:4:7 (```ts block at line 3): error TS2322: Type 'string' is not assignable to type 'number'.",
  ]);
  expect(errorsAt(15)).toEqual([
    "docs/EXAMPLE.md:16:22 (```tsx block at line 15): error TS2322: Type 'number' is not assignable to type 'string'.",
  ]);
  expect(errorsAt(24)).toEqual([
    "docs/EXAMPLE.md:26:7 (```ts block at line 24): error TS2322: Type 'number' is not assignable to type 'string'.",
  ]);
});

it('passes a block that uses its prelude, and one that the block importing it names', () => {
  expect(results.map((result) => result.snippet.fenceLine)).toEqual([3, 9, 15, 19, 24, 29]);
  expect(errorsAt(9)).toEqual([]);
  expect(errorsAt(19)).toEqual([]);
});

it('checks with the repository strict settings against the packages sources', () => {
  expect(errorsAt(29)).toEqual([
    expect.stringMatching(/^docs\/EXAMPLE\.md:32:7 .* TS2322: Type 'string \| undefined' is not assignable/),
    expect.stringMatching(
      /^docs\/EXAMPLE\.md:33:39 .* TS2322: Type 'string' is not assignable to type 'number'/,
    ),
  ]);
});
