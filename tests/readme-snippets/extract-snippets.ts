/** One line of a snippet's checked text and where it sits in its README. */
export interface SnippetLine {
  text: string;
  /** 1-based line in the README. */
  line: number;
  /** Characters of the README line before `text` (a list item's indentation). */
  indent: number;
}

/** A ```ts or ```tsx block of a README, with its hidden prelude, ready to be checked as one file. */
export interface Snippet {
  /** The README, relative to the repository root (`packages/ui/README.md`). */
  readme: string;
  /** 1-based line of the opening fence. */
  fenceLine: number;
  lang: 'ts' | 'tsx';
  /**
   * The file the block says it is, from a first line such as `// .storybook/preview.ts`, so that a
   * block can import another block of the same README the way the README shows.
   */
  fileName: string | undefined;
  /** The prelude's lines, then the block's. */
  lines: SnippetLine[];
}

const openingFence = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const namedFile = /^\/\/\s*((?:[\w.-]+\/)*[\w.-]+\.(?:ts|tsx|mts|cts))(?=$|[\s,;:])/;
const preludeStart = /^\s*<!--\s*prelude\b:?/;

/**
 * The TypeScript blocks (```ts, ```tsx) of a markdown text, each with the prelude of the HTML
 * comment `<!-- prelude: … -->` that comes right before its fence (blank lines apart), if any.
 */
export function extractSnippets(markdown: string, readme: string): Snippet[] {
  const source = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  let index = 0;
  while (index < source.length) {
    const opening = openingFence.exec(source[index] ?? '');
    if (!opening) {
      index += 1;
      continue;
    }
    const [, indentText = '', fence = '', lang = ''] = opening;
    const end = closingLine(source, index + 1, fence);
    if (lang === 'ts' || lang === 'tsx') {
      const body = source.slice(index + 1, end).map((text, offset) => {
        const indent = Math.min(indentText.length, text.length - text.trimStart().length);
        return { text: text.slice(indent), line: index + 2 + offset, indent };
      });
      snippets.push({
        readme,
        fenceLine: index + 1,
        lang,
        fileName: namedFile.exec(body[0]?.text ?? '')?.[1],
        lines: [...preludeAbove(source, index), ...body],
      });
    }
    // Every block is skipped whole, so a fence quoted inside one is not read as a block.
    index = end + 1;
  }
  return snippets;
}

/** The index of the line closing a fence opened with `fence`, or the end of the text. */
function closingLine(source: readonly string[], from: number, fence: string): number {
  const closing = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
  for (let index = from; index < source.length; index += 1) {
    if (closing.test(source[index] ?? '')) return index;
  }
  return source.length;
}

/** The lines of a `<!-- prelude: … -->` comment ending above line `fenceIndex`, blank lines apart. */
function preludeAbove(source: readonly string[], fenceIndex: number): SnippetLine[] {
  let last = fenceIndex - 1;
  while (last >= 0 && (source[last] ?? '').trim() === '') last -= 1;
  if (!(source[last] ?? '').trimEnd().endsWith('-->')) return [];
  let first = last;
  while (first >= 0 && !(source[first] ?? '').includes('<!--')) first -= 1;
  if (first < 0 || !preludeStart.test(source[first] ?? '')) return [];
  return source.slice(first, last + 1).map((raw, offset) => {
    let text = raw;
    if (offset === 0) text = text.replace(preludeStart, (match) => ' '.repeat(match.length));
    if (offset === last - first) text = text.replace(/-->\s*$/, '');
    return { text, line: first + 1 + offset, indent: 0 };
  });
}
