import { createElement, type ElementType, Fragment, type ReactNode } from 'react';
import type { MarkedToken, Token, Tokens } from 'marked';
import { renderCitationMarks, showHiddenCharacters } from '@chatstream/ui';
import { citationMarksIn, withoutCitationMarks } from '../blocks/citation-marks.ts';
import { decodeEntities } from './decode-entities.ts';
import type { MarkdownComponents, MarkdownElement, MarkdownInlineContext } from './markdown-context.ts';
import { renderFormula } from './math-formula.tsx';
import type { MathToken } from './math-syntax.ts';
import { MAX_NESTING } from './nesting.ts';
import { safeUrl } from './safe-url.ts';

// A scheme, or `//` and `\\` (the URL parser reads both as `//`), names an origin. Even `https:host/x`
// does: a page on https: reads it as a path of its own, one on http:, file: or an app's scheme as
// that host. Only a path relative to the page is sure to stay on its origin, whatever that is.
// (`safeUrl` already removed the spaces and control characters URL parsers skip.)
const NAMES_ORIGIN = /^(?:[a-z][a-z\d+.-]*:|[\\/]{2})/i;

/** The default image policy: only the page's own images (relative URLs) load. */
function isSameOrigin(src: string): boolean {
  return !NAMES_ORIGIN.test(src);
}

/** The host an image's URL names, for the title of its link. */
function hostOf(src: string): string {
  try {
    return new URL(src).host;
  } catch {
    // `//host/…` has no scheme of its own.
    return new URL(src, 'https://invalid/').host;
  }
}

/** Creates `tag`, or the component that replaces it. */
export function element(
  components: MarkdownComponents | undefined,
  tag: MarkdownElement,
  props: Record<string, unknown> | null,
  ...children: ReactNode[]
): ReactNode {
  // The entry for `tag` takes the props of that element, which is what `props` holds.
  const type: ElementType = components?.[tag] ?? tag;
  return createElement(type, props, ...children);
}

/** Text with its citation marks drawn, or left out inside a link (drawn after it). */
function textOf(text: string, context: MarkdownInlineContext): ReactNode {
  return context.inLink ? withoutCitationMarks(text) : renderCitationMarks(text);
}

function renderInlineToken(
  token: Token,
  key: number,
  context: MarkdownInlineContext,
  depth: number,
): ReactNode {
  const { components } = context;
  if (token.type === 'math') return renderFormula(token as MathToken, key, context.renderMath);
  // Nested deeper than is drawn: the markdown as written.
  if (depth >= MAX_NESTING && (token as Tokens.Generic).tokens?.length) return token.raw;
  const t = token as MarkedToken;
  const inner = depth + 1;
  switch (t.type) {
    case 'text':
      return t.tokens !== undefined && t.tokens.length > 0 ? (
        <Fragment key={key}>{renderInline(t.tokens, context, inner)}</Fragment>
      ) : (
        textOf(decodeEntities(t.text), context)
      );
    case 'escape':
      return t.text;
    case 'strong':
      return element(components, 'strong', { key }, renderInline(t.tokens, context, inner));
    case 'em':
      return element(components, 'em', { key }, renderInline(t.tokens, context, inner));
    case 'del':
      return element(components, 'del', { key }, renderInline(t.tokens, context, inner));
    case 'codespan':
      // As in a code block: a command a person may copy and run shows its hidden characters.
      return element(components, 'code', { key }, showHiddenCharacters(withoutCitationMarks(t.text)));
    case 'br':
      return element(components, 'br', { key });
    case 'link': {
      const href = safeUrl(withoutCitationMarks(t.href), 'link');
      // A bare address runs on into a mark right after it: its marks are drawn after the link.
      const marks = context.inLink ? '' : citationMarksIn(t.raw);
      const children = renderInline(t.tokens, marks ? { ...context, inLink: true } : context, inner);
      const link =
        href === undefined ? (
          <span key={key} data-slot="markdown-unsafe-link" title={context.t('Link removed: unsafe address')}>
            {children}
          </span>
        ) : (
          element(
            components,
            'a',
            {
              key,
              href,
              title: t.title ? decodeEntities(t.title) : undefined,
              // A place in this page (a footnote, a heading) is no other page to open a tab for.
              ...(href.startsWith('#') ? {} : { target: '_blank', rel: 'noopener noreferrer' }),
            },
            children,
          )
        );
      return marks ? (
        <Fragment key={key}>
          {link}
          {renderCitationMarks(marks)}
        </Fragment>
      ) : (
        link
      );
    }
    case 'image': {
      const src = safeUrl(t.href, 'image');
      const alt = withoutCitationMarks(decodeEntities(t.text));
      if (src === undefined) return alt;
      if (!(context.allowImage ?? isSameOrigin)(src)) {
        // Not loaded: a link to it, for a person to open if they choose.
        const host = hostOf(src);
        return element(
          components,
          'a',
          {
            key,
            'data-slot': 'markdown-image-link',
            href: src,
            title: context.t('Image from {0}, not loaded', host),
            target: '_blank',
            rel: 'noopener noreferrer',
          },
          alt || host,
        );
      }
      return element(components, 'img', {
        key,
        src,
        alt,
        title: t.title ? decodeEntities(t.title) : undefined,
        loading: 'lazy',
        referrerPolicy: 'no-referrer',
      });
    }
    case 'html':
      // Raw HTML is shown as the text the model wrote, never parsed.
      return textOf(t.text, context);
    case 'checkbox':
      return element(components, 'input', {
        key,
        type: 'checkbox',
        checked: t.checked,
        disabled: true,
        readOnly: true,
        'aria-label': context.t(t.checked ? 'Done' : 'Not done'),
      });
    default:
      return 'text' in t && typeof t.text === 'string' ? textOf(decodeEntities(t.text), context) : null;
  }
}

/** Renders inline tokens (text, emphasis, code spans, links, images, …) as React nodes, `depth` deep. */
export function renderInline(
  tokens: readonly Token[],
  context: MarkdownInlineContext,
  depth = 0,
): ReactNode[] {
  return tokens.map((token, index) => renderInlineToken(token, index, context, depth));
}
