import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckSnippetsOptions } from './check-snippets.ts';
import { extractSnippets, type Snippet } from './extract-snippets.ts';

/** The READMEs whose examples are checked: the repository's and each package's, relative to `root`. */
export function readmePaths(root: string): string[] {
  const packages = readdirSync(join(root, 'packages')).map((name) => `packages/${name}/README.md`);
  return ['README.md', ...packages.filter((path) => existsSync(join(root, path))).toSorted()];
}

/** Every ```ts and ```tsx block of the repository's READMEs. */
export function readmeSnippets(root: string): Snippet[] {
  return readmePaths(root).flatMap((path) => extractSnippets(readFileSync(join(root, path), 'utf8'), path));
}

/** How this repository's READMEs are checked: where imports the README's folder lacks are found. */
export function readmeCheckOptions(root: string): CheckSnippetsOptions {
  return {
    root,
    fallbackFolders: readdirSync(join(root, 'packages')).map((name) => join(root, 'packages', name)),
  };
}
