import { Component, type ReactNode } from 'react';
import type { RenderMath } from './markdown-context.ts';
import { DISPLAY_OPENER, type MathToken } from './math-syntax.ts';

interface FallbackProps {
  fallback: ReactNode;
  children: ReactNode;
}

/**
 * Shows `fallback` when its children fail while React puts them on the page, not only while
 * `renderMath` runs: KaTeX's HTML set through `dangerouslySetInnerHTML` throws there under Trusted
 * Types, and without this the whole page unmounted.
 */
class Fallback extends Component<FallbackProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * A formula typeset by `renderMath`, in `<div data-slot="markdown-math">` (display) or a `<span>`
 * (within a line), always left to right. When `renderMath` throws (TeX it cannot read), the TeX is
 * shown as written, in `<code>`, and `data-state="error"` says so: a formula is never lost.
 */
export function renderFormula(token: MathToken, key: number, renderMath: RenderMath | undefined): ReactNode {
  let typeset: ReactNode;
  let failed = false;
  try {
    typeset = renderMath?.(token.text, token.display);
  } catch {
    failed = true;
  }
  const Tag = token.display ? 'div' : 'span';
  const source = <code>{token.raw.trim()}</code>;
  return (
    <Tag
      key={key}
      data-slot="markdown-math"
      data-display={token.display ? 'block' : 'inline'}
      data-state={failed ? 'error' : undefined}
      dir="ltr"
    >
      {typeset === undefined || typeset === null ? (
        source
      ) : (
        // Keyed by the TeX: a formula that failed is tried again once it changes.
        <Fallback key={token.text} fallback={source}>
          {typeset}
        </Fallback>
      )}
    </Tag>
  );
}

/**
 * A display formula still being written at the end of the open block: the text before it and its
 * TeX so far, or undefined when the block ends in none. Until its closing `$$` or `\]` arrives, the
 * lexer reads it as more of the paragraph; shown apart, it stays where it will be typeset.
 */
export function splitOpenFormula(raw: string): [before: string, tex: string] | undefined {
  const match = DISPLAY_OPENER.exec(raw);
  if (!match) return undefined;
  const rest = raw.slice(match.index + match[0].length);
  if (rest.includes(match[1] === '$$' ? '$$' : '\\]')) return undefined;
  return [raw.slice(0, match.index), rest.trim()];
}

/** A display formula still being written: its TeX as it arrives, where the typeset formula will be. */
export function renderOpenFormula(tex: string, key: number): ReactNode {
  return (
    <div key={key} data-slot="markdown-math" data-display="block" data-state="streaming" dir="ltr">
      <code>{tex}</code>
    </div>
  );
}
