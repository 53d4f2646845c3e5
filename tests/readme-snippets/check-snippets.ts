import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import type { Snippet } from './extract-snippets.ts';

/** The errors TypeScript finds in one snippet, each a line naming its README position. */
export interface SnippetResult {
  snippet: Snippet;
  errors: string[];
}

/** What the check needs to know about the repository. */
export interface CheckSnippetsOptions {
  /** The repository root: README paths are relative to it, and its `tsconfig.json` sets the rules. */
  root: string;
  /**
   * Folders to resolve an import from when the README's own folder finds nothing: the workspace
   * packages, whose development dependencies the examples also use (express, Testing Library…).
   */
  fallbackFolders?: readonly string[];
}

/**
 * Type-checks the snippets together in one `ts.Program`, under the repository's `tsconfig.json`
 * (strict, with the `@chatstream/source` condition, so `@chatstream/*` is checked from `src/`).
 * Each snippet is a virtual file in a folder beside its README, so it imports what that package can
 * import, and a block named by its first line (`// src/x.ts`) is that file of the folder.
 * Throws when the program itself is broken, since no snippet's result would then mean anything.
 */
export function checkSnippets(snippets: readonly Snippet[], options: CheckSnippetsOptions): SnippetResult[] {
  const files = new Map<string, Snippet>();
  for (const snippet of snippets) {
    const path = virtualPath(options.root, snippet);
    const other = files.get(path);
    if (other) {
      throw new Error(
        `${snippet.readme}:${snippet.fenceLine} and line ${other.fenceLine} are both ${snippet.fileName}`,
      );
    }
    files.set(path, snippet);
  }
  const program = createProgram(files, options);
  const broken = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  if (broken.length > 0) throw new Error(ts.formatDiagnostics(broken, formatHost));

  return [...files].map(([path, snippet]) => {
    const source = program.getSourceFile(path);
    const diagnostics = source
      ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      : [];
    return { snippet, errors: diagnostics.map((diagnostic) => formatDiagnostic(diagnostic, snippet)) };
  });
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (fileName) => fileName,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => '\n',
};

function virtualPath(root: string, snippet: Snippet): string {
  const folder = join(root, dirname(snippet.readme), `${basename(snippet.readme)}.snippets`);
  return join(folder, snippet.fileName ?? `line-${snippet.fenceLine}.${snippet.lang}`);
}

function createProgram(files: ReadonlyMap<string, Snippet>, options: CheckSnippetsOptions): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(options.root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.formatDiagnostics([diagnostic], formatHost));
      },
    },
  );
  if (!config) throw new Error(`no tsconfig.json in ${options.root}`);
  const compilerOptions = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(compilerOptions);
  const folders = new Set([...files.keys()].flatMap((path) => ancestors(dirname(path))));
  const text = (path: string): string | undefined =>
    files
      .get(path)
      ?.lines.map((line) => line.text)
      .join('\n');

  const base = { ...host };
  host.fileExists = (path) => files.has(path) || base.fileExists(path);
  host.directoryExists = (path) => folders.has(path) || ts.sys.directoryExists(path);
  host.readFile = (path) => text(path) ?? base.readFile(path);
  host.getSourceFile = (path, languageVersion, onError, shouldCreate) => {
    const virtual = text(path);
    return virtual === undefined
      ? base.getSourceFile(path, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(path, virtual, languageVersion, true);
  };
  const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), (name) => name, compilerOptions);
  const resolveFrom = (name: string, from: string) =>
    ts.resolveModuleName(name, from, compilerOptions, host, cache).resolvedModule;
  host.resolveModuleNameLiterals = (literals, containingFile) =>
    literals.map(({ text: name }) => {
      let found = resolveFrom(name, containingFile);
      if (files.has(containingFile) && !name.startsWith('.')) {
        for (const folder of options.fallbackFolders ?? []) {
          found ??= resolveFrom(name, join(folder, 'package.json'));
        }
      }
      return { resolvedModule: found };
    });
  return ts.createProgram({ rootNames: [...files.keys()], options: compilerOptions, host });
}

function ancestors(folder: string): string[] {
  const parent = dirname(folder);
  return parent === folder ? [folder] : [folder, ...ancestors(parent)];
}

/** `README.md:12:5 (```ts block at line 10): error TS2304: Cannot find name 'x'.` */
function formatDiagnostic(diagnostic: ts.Diagnostic, snippet: Snippet): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
  const block = `\`\`\`${snippet.lang} block at line ${snippet.fenceLine}`;
  let place = snippet.readme;
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const at = snippet.lines[line];
    place = at ? `${snippet.readme}:${at.line}:${at.indent + character + 1}` : snippet.readme;
  }
  return `${place} (${block}): error TS${diagnostic.code}: ${message}`;
}
