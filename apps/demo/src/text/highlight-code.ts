import { type Highlight, highlightFromHast } from '@chatstream/ui/markdown';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';

// The languages answers most often hold, not all of highlight.js: each grammar is bundled.
const lowlight = createLowlight({
  bash,
  css,
  go,
  javascript,
  json,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
});

/**
 * Code blocks coloured by lowlight (highlight.js grammars, synchronous), through the ui's
 * `highlightFromHast`: React elements, no HTML strings. The colours are the demo's (`app.css`).
 */
export const highlightCode: Highlight = highlightFromHast((code, lang) =>
  lowlight.registered(lang) ? lowlight.highlight(lang, code) : undefined,
);
