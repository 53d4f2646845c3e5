import katex from 'katex';
import type { RenderMath } from '../markdown/markdown-context.ts';

/**
 * KaTeX plugged in as the ui README shows, for the math stories and tests: its HTML and MathML for
 * each formula. `strict` makes it throw on TeX it cannot read, as some apps prefer.
 */
export function katexMath(strict = false): RenderMath {
  return (tex, display) => (
    // oxlint-disable-next-line react/no-danger -- KaTeX's own output, from TeX it escapes
    <span
      dangerouslySetInnerHTML={{
        __html: katex.renderToString(tex, { displayMode: display, throwOnError: strict }),
      }}
    />
  );
}
