import { type CSSProperties, Fragment, type ReactNode } from 'react';
import type { Highlight } from './markdown-context.ts';

/**
 * A node of a hast tree, the syntax tree lowlight (highlight.js), refractor (Prism) and Shiki's
 * `codeToHast` return, as far as highlighting code needs it.
 */
export interface HastNode {
  readonly type: string;
  readonly value?: string | undefined;
  readonly tagName?: string | undefined;
  readonly properties?: Readonly<Record<string, unknown>> | undefined;
  readonly children?: readonly HastNode[] | undefined;
}

/**
 * A {@link Highlight} over a highlighter that returns a hast tree: lowlight, refractor or Shiki's
 * `codeToHast`. The tree becomes React elements, never an HTML string: `span`s with their classes
 * and inline colours, and line breaks. Other elements give only their content, so the
 * highlighter's own `pre` and `code` (the code block has its own) and anything unexpected leave no
 * element. `toHast` returning undefined (a language it does not know) shows the code as it is.
 *
 * While a block streams, its complete lines are highlighted in chunks of 64, each once and its
 * elements kept (React skips them); the lines after the last chunk are highlighted again each time
 * a line completes, and the line being written on every render, on its own. A comment or string
 * that spans a chunk's end may be coloured as code until the block is complete: then its code is
 * highlighted whole. Pick a highlighter
 * that is synchronous once loaded, and the code never flickers between plain and coloured.
 *
 * @example
 * import { common, createLowlight } from 'lowlight';
 * const lowlight = createLowlight(common);
 * const highlight = highlightFromHast((code, lang) =>
 *   lowlight.registered(lang) ? lowlight.highlight(lang, code) : undefined,
 * );
 * const renderText = createMarkdownRenderText({ highlight });
 */
export function highlightFromHast(toHast: (code: string, lang: string) => HastNode | undefined): Highlight {
  const nodesOf = (code: string, lang: string): ReactNode => {
    const tree = toHast(code, lang);
    return tree ? contentOf(tree) : code;
  };
  // An entry per block streaming at once (side by side, say), found by its complete lines: the same
  // ones, or the ones a completed line just extended.
  const kept: StreamingBlock[] = [];
  return (code, lang, streaming) => {
    const end = code.lastIndexOf('\n') + 1;
    if (!streaming || end === 0) return nodesOf(code, lang);
    const lines = code.slice(0, end);
    let entry = kept.find((candidate) => candidate.lang === lang && lines.startsWith(candidate.lines));
    if (!entry) {
      entry = { lang, lines: '', frozen: 0, chunks: [], rest: null };
      if (kept.push(entry) > MAX_KEPT) kept.shift();
    }
    if (entry.lines !== lines) {
      // Highlighting all the complete lines again at each one made a long block quadratic: 5,000
      // lines streamed at full speed took 24–48 s of script in Chromium, in chunks 11 s.
      for (let cut = chunkEnd(lines, entry.frozen); cut !== -1; cut = chunkEnd(lines, entry.frozen)) {
        const chunk = nodesOf(lines.slice(entry.frozen, cut), lang);
        entry.chunks.push(<Fragment key={entry.chunks.length}>{chunk}</Fragment>);
        entry.frozen = cut;
      }
      entry.lines = lines;
      entry.rest = <Fragment key="lines">{nodesOf(lines.slice(entry.frozen), lang)}</Fragment>;
    }
    return [...entry.chunks, entry.rest, <Fragment key="line">{nodesOf(code.slice(end), lang)}</Fragment>];
  };
}

/** A code block while it streams: its complete lines so far, highlighted in kept chunks and the rest. */
interface StreamingBlock {
  lang: string;
  lines: string;
  /** Where the lines after the last chunk start. */
  frozen: number;
  chunks: ReactNode[];
  rest: ReactNode;
}

/** Lines highlighted together, once, while a block streams. */
const CHUNK_LINES = 64;

/** Where {@link CHUNK_LINES} complete lines from `from` end in `lines`, or -1 when there are fewer. */
function chunkEnd(lines: string, from: number): number {
  let at = from;
  for (let count = 0; count < CHUNK_LINES; count++) {
    at = lines.indexOf('\n', at) + 1;
    if (at === 0) return -1;
  }
  return at;
}

/** Code blocks streaming at once whose lines stay kept. */
const MAX_KEPT = 4;

function contentOf(node: HastNode): ReactNode[] | undefined {
  return node.children?.map(toReact);
}

function toReact(node: HastNode, key: number): ReactNode {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element') return null;
  if (node.tagName === 'br') return <br key={key} />;
  if (node.tagName !== 'span') return <Fragment key={key}>{contentOf(node)}</Fragment>;
  const { properties = {} } = node;
  // lowlight and refractor name classes `className` (a list), Shiki `class` (a string).
  const classes = [properties['className'], properties['class']]
    .flat()
    .filter((name) => typeof name === 'string');
  return (
    <span key={key} className={classes.join(' ') || undefined} style={styleOf(properties['style'])}>
      {contentOf(node)}
    </span>
  );
}

/** Shiki's inline `style` string (`color:#D73A49;--shiki-dark:#F97583`) as React's style object. */
function styleOf(style: unknown): CSSProperties | undefined {
  if (typeof style !== 'string') return undefined;
  const entries = style.split(';').flatMap((declaration) => {
    const colon = declaration.indexOf(':');
    const name = declaration.slice(0, colon).trim();
    if (colon < 0 || name === '') return [];
    // Custom properties keep their name; the others go camelCase (`font-style` → `fontStyle`).
    const key = name.startsWith('--')
      ? name
      : name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    return [[key, declaration.slice(colon + 1).trim()]];
  });
  return entries.length > 0 ? (Object.fromEntries(entries) as CSSProperties) : undefined;
}
