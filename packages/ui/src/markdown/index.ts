'use client';

export { CodeBlock, type CodeBlockProps } from './code-block.tsx';
export { decodeEntities } from './decode-entities.ts';
export { type HastNode, highlightFromHast } from './highlight-from-hast.tsx';
export { allTokens, lexMarkdown, type MarkdownLexState } from './lex-incremental.ts';
export type {
  AllowImage,
  Highlight,
  MarkdownComponents,
  MarkdownElement,
  RenderMath,
} from './markdown-context.ts';
export type { MathToken } from './math-syntax.ts';
export {
  createMarkdownRenderText,
  markdownRenderText,
  type MarkdownRenderTextOptions,
} from './markdown-render-text.tsx';
export { Markdown, type MarkdownProps } from './markdown.tsx';
export { repairOpenBlock } from './repair-open-block.ts';
export { safeUrl } from './safe-url.ts';
