import katex from 'katex';
// oxlint-disable-next-line import/no-unassigned-import -- KaTeX's stylesheet and fonts
import 'katex/dist/katex.min.css';
import type { RenderMath } from '@chatstream/ui/markdown';

/** Formulas typeset by KaTeX, as the ui README shows; TeX it cannot read shows in red, not as a throw. */
export const renderMath: RenderMath = (tex, display) => (
  // oxlint-disable-next-line react/no-danger -- KaTeX's own output, from TeX it escapes
  <span
    dangerouslySetInnerHTML={{
      __html: katex.renderToString(tex, { displayMode: display, throwOnError: false }),
    }}
  />
);
