import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSnippets } from './check-snippets.ts';
import type { Snippet } from './extract-snippets.ts';
import { readmeCheckOptions, readmePaths, readmeSnippets } from './readme-snippets.ts';

// Every ```ts / ```tsx block of the READMEs must compile against the packages' sources, as a reader
// would paste it. Imports stay in the blocks, since the reader needs them too. What the reader's own
// app supplies (`chat`, `env`, a `fetchWeather`) is declared in an HTML comment right before the
// fence, `<!-- prelude: declare const chat: ChatSession; -->`: GitHub and npm do not show it, so the
// example reads as before, and the check still sees every name typed. Visible `declare` lines would
// be noise in every example, and inventing values (`const chat = createChatSession()`) would show
// code the reader should not copy. There is no way to skip a block.
// A block whose first line names its file (`// .storybook/preview.ts`) is that file, so another block
// of the README can import it as shown. Third-party imports resolve as in the README's package, else
// in another workspace package (Hono is a root development dependency for this check alone).

const root = fileURLToPath(new URL('../../', import.meta.url));
const snippets = readmeSnippets(root);
let errors = new Map<Snippet, string[]>();

beforeAll(() => {
  errors = new Map(
    checkSnippets(snippets, readmeCheckOptions(root)).map((result) => [result.snippet, result.errors]),
  );
});

it('finds the examples of every README', () => {
  expect(snippets.length).toBeGreaterThan(40);
  expect(new Set(snippets.map((snippet) => snippet.readme))).toEqual(new Set(readmePaths(root)));
});

describe.each(readmePaths(root))('%s', (readme) => {
  const ofReadme = snippets.filter((snippet) => snippet.readme === readme);
  it.each(
    ofReadme.map(
      (snippet) => [`the \`\`\`${snippet.lang} block at line ${snippet.fenceLine}`, snippet] as const,
    ),
  )('%s type-checks', (_, snippet) => {
    expect((errors.get(snippet) ?? []).join('\n')).toBe('');
  });
});
