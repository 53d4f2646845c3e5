import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect, it } from 'vitest';

const srcDir = import.meta.dirname;

/** The bare specifiers the modules reachable from `entry` import, each with the file importing it. */
function bareImports(entry: string): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    // Without comments: JSDoc examples import the package by name.
    const code = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const match of code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier));
      else found.push(`${relative(srcDir, file)} → ${specifier}`);
    }
  };
  visit(join(srcDir, entry));
  return found;
}

it('the main entry uses no Node API, so the relay runs in workers, Deno, Bun and edge runtimes', () => {
  const imports = bareImports('index.ts');
  expect(imports.length).toBeGreaterThan(0);
  expect(
    imports.filter((line) => !/→ (?:@anthropic-ai\/sdk(?:\/[\w/-]+)?|@chatstream\/reader)$/.test(line)),
  ).toEqual([]);
});

it('only the Node adapter entry imports Node built-ins', () => {
  expect(bareImports('node.ts').some((line) => line.endsWith('→ node:http'))).toBe(true);
});
