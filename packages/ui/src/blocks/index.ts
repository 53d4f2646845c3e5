export { Citations, type CitationsProps } from './citations.tsx';
export { drawsCitationMarks, renderCitationMarks, withCitationMarks } from './citation-refs.tsx';
export type { TextRunPart } from './text-runs.ts';
export {
  CodeExecutionResultBlock,
  type CodeExecutionResultBlockProps,
  isFailedRun,
} from './code-execution-result-block.tsx';
export { ContainerUploadBlock, type ContainerUploadBlockProps } from './container-upload-block.tsx';
export { defaultBlockRenderers } from './default-block-renderers.ts';
export { FallbackBlock, type FallbackBlockProps } from './fallback-block.tsx';
export type { BlockPartProps } from './part-props.ts';
export { RedactedThinkingBlock, type RedactedThinkingBlockProps } from './redacted-thinking-block.tsx';
export {
  ServerToolUseBlock,
  type ServerToolState,
  type ServerToolUseBlockProps,
} from './server-tool-use-block.tsx';
export { TextBlock, type TextBlockProps } from './text-block.tsx';
export { ThinkingBlock, thinkingSummary, type ThinkingBlockProps } from './thinking-block.tsx';
export { ToolResultBlock, type ToolResultBlockProps } from './tool-result-block.tsx';
export { ToolSearchResultBlock, type ToolSearchResultBlockProps } from './tool-search-result-block.tsx';
export { toolStateLabels, toolUseState, type ToolUseState } from './tool-state.ts';
export { ToolUseBlock, type ToolUseBlockProps } from './tool-use-block.tsx';
export { WebFetchResultBlock, type WebFetchResultBlockProps } from './web-fetch-result-block.tsx';
export { WebSearchResultBlock, type WebSearchResultBlockProps } from './web-search-result-block.tsx';
