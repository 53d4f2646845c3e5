import { useEffect, useRef, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import type { Highlight, MarkdownComponents } from './markdown-context.ts';
import { element } from './render-inline.tsx';

/** Props of {@link CodeBlock}. */
export interface CodeBlockProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The code, as written. */
  code: string;
  /** The fence's language word (`ts`, `python`, …); empty when none. */
  lang?: string | undefined;
  /** True while the fence is still streaming (not closed yet). */
  streaming?: boolean | undefined;
  /** Syntax highlighting: returns the nodes to show instead of the plain code. */
  highlight?: Highlight | undefined;
  /** Element replacements (`pre`, `code`). */
  components?: MarkdownComponents | undefined;
}

async function writeClipboard(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/**
 * A fenced code block: the language, a Copy button (the clipboard API; "Copied" for two seconds),
 * and the code, highlighted through `highlight` when given.
 *
 * @example
 * <CodeBlock code={'npm i'} lang="sh" highlight={(code, lang) => myHighlighter(code, lang)} />
 */
export function CodeBlock({
  code,
  lang = '',
  streaming = false,
  highlight,
  components,
  className,
  ...props
}: CodeBlockProps): ReactNode {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = (): void => {
    writeClipboard(code).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied('idle'), 2000);
  };

  const label = copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy';
  return (
    <div
      data-slot="code-block"
      data-state={streaming ? 'streaming' : 'complete'}
      data-language={lang || undefined}
      className={className}
      {...props}
    >
      <div data-slot="code-block-header">
        <span data-slot="code-block-language">{lang || 'text'}</span>
        <button
          type="button"
          data-slot="code-block-copy"
          data-state={copied}
          onClick={copy}
          aria-label={copied === 'idle' ? `Copy ${lang || 'code'}` : label}
        >
          {label}
        </button>
      </div>
      {element(
        components,
        'pre',
        { tabIndex: 0 },
        element(
          components,
          'code',
          { className: lang ? `language-${lang}` : undefined },
          highlight ? highlight(code, lang) : code,
        ),
      )}
    </div>
  );
}
