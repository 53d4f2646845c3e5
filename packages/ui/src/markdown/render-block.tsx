import { Fragment, memo, type MemoExoticComponent, type ReactNode, useRef } from 'react';
import type { Links, MarkedToken, Token, Tokens } from 'marked';
import { renderCitationMarks } from '@chatstream/ui';
import { withoutCitationMarks } from '../blocks/citation-marks.ts';
import { CodeBlock } from './code-block.tsx';
import { decodeEntities } from './decode-entities.ts';
import { lexBlock } from './lex-incremental.ts';
import { renderFormula, renderOpenFormula, splitOpenFormula } from './math-formula.tsx';
import type { MathToken } from './math-syntax.ts';
import type { MarkdownRenderContext } from './markdown-context.ts';
import { MAX_NESTING } from './nesting.ts';
import { element, renderInline } from './render-inline.tsx';
import { repairOpenBlock, withoutClosingFence } from './repair-open-block.ts';
import { directionOf } from './text-direction.ts';
import { useScrollStop } from './use-scroll-stop.ts';

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;

/** A table's box, which scrolls when the table is wider than the answer. */
function TableBox({
  label,
  dir,
  children,
}: {
  label: string;
  dir: string | undefined;
  children: ReactNode;
}): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  useScrollStop(box);
  return (
    <div ref={box} data-slot="markdown-table" tabIndex={0} role="group" aria-label={label} dir={dir}>
      {children}
    </div>
  );
}

function renderTable(t: Tokens.Table, key: number, context: MarkdownRenderContext): ReactNode {
  const { components } = context;
  const cell = (tag: 'th' | 'td', item: Tokens.TableCell, index: number): ReactNode =>
    element(
      components,
      tag,
      {
        key: index,
        // An attribute the stylesheet aligns by, not a style attribute: a strict
        // Content-Security-Policy blocks those in server-rendered HTML.
        'data-align': item.align ?? undefined,
        scope: tag === 'th' ? 'col' : undefined,
      },
      renderInline(item.tokens, context),
    );
  return (
    // Named; its direction is the wrapper's, so a right-to-left table narrower than the answer sits
    // on the right.
    <TableBox key={key} label={context.t('Table')} dir={directionOf(t.raw)}>
      {element(
        components,
        'table',
        null,
        element(
          components,
          'thead',
          null,
          element(
            components,
            'tr',
            null,
            t.header.map((item, i) => cell('th', item, i)),
          ),
        ),
        t.rows.length > 0
          ? element(
              components,
              'tbody',
              null,
              t.rows.map((row, r) =>
                element(
                  components,
                  'tr',
                  { key: r },
                  row.map((item, i) => cell('td', item, i)),
                ),
              ),
            )
          : null,
      )}
    </TableBox>
  );
}

function renderList(t: Tokens.List, key: number, context: MarkdownRenderContext, depth: number): ReactNode {
  const dir = directionOf(t.items[0]?.text ?? '');
  const items = t.items.map((item, index) =>
    element(
      context.components,
      'li',
      {
        key: index,
        dir: directionOf(item.text),
        'data-task': item.task ? (item.checked ? 'done' : 'todo') : undefined,
      },
      renderBlocks(item.tokens, context, depth + 1),
    ),
  );
  return t.ordered
    ? element(
        context.components,
        'ol',
        {
          key,
          dir: directionOf(t.items[0]?.text ?? ''),
          start: t.start === '' || t.start === 1 ? undefined : t.start,
        },
        items,
      )
    : element(context.components, 'ul', { key, dir }, items);
}

/** A list or quote nested deeper than is drawn (see `MAX_NESTING`): its markdown, as a paragraph. */
function renderSource(
  t: Tokens.List | Tokens.Blockquote,
  key: number,
  context: MarkdownRenderContext,
): ReactNode {
  return element(
    context.components,
    'p',
    { key, dir: directionOf(t.raw) },
    renderCitationMarks(t.raw.trim()),
  );
}

// Every block but code gets the direction of its first letter: a Hebrew or Arabic paragraph, list,
// quote or table reads right to left in a left-to-right page, bullets and quote bars on its side,
// and the reverse. Code keeps the page's direction.

/**
 * Renders one block token; `streaming` marks the block still being written (an open code fence),
 * `depth` counts the lists and quotes around it.
 */
export function renderBlock(
  token: Token,
  key: number,
  context: MarkdownRenderContext,
  streaming = false,
  depth = 0,
): ReactNode {
  const { components } = context;
  if (token.type === 'math') return renderFormula(token as MathToken, key, context.renderMath);
  const t = token as MarkedToken;
  switch (t.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return element(components, 'p', { key, dir: directionOf(t.raw) }, renderInline(t.tokens, context));
    case 'text':
      // Text directly in a tight list item.
      return t.tokens !== undefined ? (
        <Fragment key={key}>{renderInline(t.tokens, context)}</Fragment>
      ) : (
        renderCitationMarks(decodeEntities(t.text))
      );
    case 'heading':
      return element(
        components,
        HEADINGS[Math.min(Math.max(t.depth, 1), 6) - 1] ?? 'h6',
        { key, dir: directionOf(t.raw) },
        renderInline(t.tokens, context),
      );
    case 'code': {
      const Code = components?.CodeBlock ?? CodeBlock;
      return (
        <Code
          key={key}
          code={withoutCitationMarks(t.text)}
          lang={(t.lang ?? '').split(/\s/)[0]}
          streaming={streaming}
          highlight={context.highlight}
          components={components}
        />
      );
    }
    case 'blockquote':
      return depth < MAX_NESTING
        ? element(
            components,
            'blockquote',
            { key, dir: directionOf(t.raw) },
            renderBlocks(t.tokens, context, depth + 1),
          )
        : renderSource(t, key, context);
    case 'list':
      return depth < MAX_NESTING ? renderList(t, key, context, depth) : renderSource(t, key, context);
    case 'table':
      return renderTable(t, key, context);
    case 'hr':
      return element(components, 'hr', { key });
    case 'html':
      // Raw HTML is shown as the text the model wrote, never parsed.
      return element(
        components,
        'p',
        { key, dir: directionOf(t.text) },
        renderCitationMarks(t.text.trimEnd()),
      );
    default:
      return renderInline([token], context);
  }
}

/** Renders block tokens (the children of a list item or a blockquote, `depth` deep). */
export function renderBlocks(
  tokens: readonly Token[],
  context: MarkdownRenderContext,
  depth = 0,
): ReactNode[] {
  return tokens.map((token, index) => renderBlock(token, index, context, false, depth));
}

const REPAIRED = new Set(['paragraph', 'heading', 'list', 'blockquote', 'text', 'table']);

/** Props of {@link MarkdownBlock}. */
interface MarkdownBlockProps {
  token: Token;
  context: MarkdownRenderContext;
  /** The block is still being written: it is repaired before rendering (see `repairOpenBlock`). */
  open: boolean;
  /** Link definitions known so far, for lexing the repaired block. */
  links: Links;
}

function MarkdownBlockImpl({ token, context, open, links }: MarkdownBlockProps): ReactNode {
  if (open && token.type === 'code') {
    const text = withoutClosingFence(token.raw, (token as Tokens.Code).text);
    if (text !== (token as Tokens.Code).text) return renderBlock({ ...token, text }, 0, context, open);
  }
  if (open && REPAIRED.has(token.type)) {
    const math = context.renderMath !== undefined;
    const formula = math && token.type === 'paragraph' ? splitOpenFormula(token.raw) : undefined;
    const raw = formula ? formula[0] : token.raw;
    const repaired = repairOpenBlock(raw);
    if (formula || repaired !== token.raw) {
      const blocks = lexBlock(repaired, links, math).map((item, index) =>
        renderBlock(item, index, context, true),
      );
      if (formula) blocks.push(renderOpenFormula(formula[1], blocks.length));
      return blocks;
    }
  }
  return renderBlock(token, 0, context, open);
}

/** One top-level block; re-renders only when its raw text, its open flag or the context changes. */
export const MarkdownBlock: MemoExoticComponent<(props: MarkdownBlockProps) => ReactNode> =
  /* @__PURE__ */ memo(
    MarkdownBlockImpl,
    (previous, next) =>
      previous.token.raw === next.token.raw &&
      previous.open === next.open &&
      previous.context === next.context,
  );
