import { createElement, Fragment, type ReactNode } from 'react';
import type { MarkedToken, Token } from 'marked';
import { decodeEntities } from './decode-entities.ts';
import type { MarkdownComponents, MarkdownElement, MarkdownInlineContext } from './markdown-context.ts';
import { renderFormula } from './math-formula.tsx';
import type { MathToken } from './math-syntax.ts';
import { safeUrl } from './safe-url.ts';

// Stands in for the page's origin: a relative src resolves to it, `//host/…` does not.
const ORIGIN = 'https://same-origin.invalid/';

/** The default image policy: only the page's own images (relative URLs) load. */
function isSameOrigin(src: string): boolean {
  return new URL(src, ORIGIN).origin === new URL(ORIGIN).origin;
}

/** Creates `tag`, or the component that replaces it. */
export function element(
  components: MarkdownComponents | undefined,
  tag: MarkdownElement,
  props: Record<string, unknown> | null,
  ...children: ReactNode[]
): ReactNode {
  return createElement(components?.[tag] ?? tag, props, ...children);
}

function renderInlineToken(token: Token, key: number, context: MarkdownInlineContext): ReactNode {
  const { components } = context;
  if (token.type === 'math') return renderFormula(token as MathToken, key, context.renderMath);
  const t = token as MarkedToken;
  switch (t.type) {
    case 'text':
      return t.tokens !== undefined && t.tokens.length > 0 ? (
        <Fragment key={key}>{renderInline(t.tokens, context)}</Fragment>
      ) : (
        decodeEntities(t.text)
      );
    case 'escape':
      return t.text;
    case 'strong':
      return element(components, 'strong', { key }, renderInline(t.tokens, context));
    case 'em':
      return element(components, 'em', { key }, renderInline(t.tokens, context));
    case 'del':
      return element(components, 'del', { key }, renderInline(t.tokens, context));
    case 'codespan':
      return element(components, 'code', { key }, t.text);
    case 'br':
      return element(components, 'br', { key });
    case 'link': {
      const href = safeUrl(t.href, 'link');
      const children = renderInline(t.tokens, context);
      if (href === undefined) {
        return (
          <span key={key} data-slot="markdown-unsafe-link" title="Link removed: unsafe address">
            {children}
          </span>
        );
      }
      return element(
        components,
        'a',
        {
          key,
          href,
          title: t.title ? decodeEntities(t.title) : undefined,
          target: '_blank',
          rel: 'noopener noreferrer',
        },
        children,
      );
    }
    case 'image': {
      const src = safeUrl(t.href, 'image');
      const alt = decodeEntities(t.text);
      if (src === undefined) return alt;
      if (!(context.allowImage ?? isSameOrigin)(src)) {
        // Not loaded: a link to it, for a person to open if they choose.
        const host = new URL(src, ORIGIN).host;
        return element(
          components,
          'a',
          {
            key,
            'data-slot': 'markdown-image-link',
            href: src,
            title: `Image from ${host}, not loaded`,
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
      return t.text;
    case 'checkbox':
      return element(components, 'input', {
        key,
        type: 'checkbox',
        checked: t.checked,
        disabled: true,
        readOnly: true,
        'aria-label': t.checked ? 'Done' : 'Not done',
      });
    default:
      return 'text' in t && typeof t.text === 'string' ? decodeEntities(t.text) : null;
  }
}

/** Renders inline tokens (text, emphasis, code spans, links, images, …) as React nodes. */
export function renderInline(tokens: readonly Token[], context: MarkdownInlineContext): ReactNode[] {
  return tokens.map((token, index) => renderInlineToken(token, index, context));
}
