import { type ComponentPropsWithoutRef, type ReactNode, useRef } from 'react';
import { showHiddenCharacters, useLabels } from '@chatstream/ui';
import { useCopy } from '../use-copy.ts';
import type { Highlight, MarkdownComponents } from './markdown-context.ts';
import { element } from './render-inline.tsx';
import { useScrollStop } from './use-scroll-stop.ts';

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

/**
 * A fenced code block: the language, a Copy button ("Copied" for two seconds; plain HTTP too),
 * and the code, highlighted through `highlight` when given. Its words come from the app's labels
 * (`LabelsProvider` or `<ChatStream labels>`), English without them.
 *
 * @example
 * <CodeBlock code={'npm i'} lang="sh" highlight={(code, lang) => myHighlighter(code, lang)} />
 */
export function CodeBlock({
  code: written,
  lang = '',
  streaming = false,
  highlight,
  components,
  className,
  ...props
}: CodeBlockProps): ReactNode {
  const t = useLabels();
  // Shown, copied and highlighted with its hidden characters written out: code whose bidi controls
  // make it look like another program ("Trojan Source") must not be run as what it seems.
  const code = showHiddenCharacters(written);
  const hidden = code !== written;
  const [copied, copy] = useCopy();
  const root = useRef<HTMLDivElement>(null);
  // Reached by the keyboard while its lines are wider than it; else Copy is its one stop.
  useScrollStop(root, 'pre');
  const label = t(copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy');
  return (
    <div
      ref={root}
      data-slot="code-block"
      data-state={streaming ? 'streaming' : 'complete'}
      data-language={lang || undefined}
      data-hidden-characters={hidden ? '' : undefined}
      className={className}
      {...props}
    >
      <div data-slot="code-block-header">
        <span data-slot="code-block-language">{lang || t('text')}</span>
        {hidden ? (
          <span data-slot="code-block-hidden">{t('Hidden characters shown as \\u codes')}</span>
        ) : null}
        <button
          type="button"
          data-slot="code-block-copy"
          data-state={copied}
          onClick={() => void copy(code)}
          aria-label={copied !== 'idle' ? label : lang ? t('Copy {0}', lang) : t('Copy code')}
        >
          {/* Live, so the outcome is heard as well as seen: a new name alone is not read out. */}
          <span data-slot="button-label" aria-live="polite">
            {label}
          </span>
        </button>
      </div>
      {element(
        components,
        'pre',
        // Named for the screen reader landing on it; a tab stop while it scrolls (`useScrollStop`).
        { tabIndex: 0, role: 'group', 'aria-label': lang ? t('{0} code', lang) : t('Code') },
        element(
          components,
          'code',
          { className: lang ? `language-${lang}` : undefined },
          highlight ? highlight(code, lang, streaming) : code,
        ),
      )}
    </div>
  );
}
