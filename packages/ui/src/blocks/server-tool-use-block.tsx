import type { ReactNode } from 'react';
import type { ToolUseBlock as ToolUseContentBlock } from '@chatstream/reader';
import { showHiddenCharacters } from '../hidden-characters.ts';
import { isFailedRun } from './code-execution-result-block.tsx';
import { formatValue, isEmptyObject } from './format-value.ts';
import { rootProps, type BlockPartProps } from './part-props.ts';
import { type LabelKey, useLabels } from '../labels.tsx';
import { ownEntry } from '../own-entry.ts';
import { isStillStreaming } from './block-streaming.ts';

/** Props of {@link ServerToolUseBlock}. */
export type ServerToolUseBlockProps = BlockPartProps<ToolUseContentBlock>;

/** Where a server tool call is (its `data-state`). */
export type ServerToolState = 'input-streaming' | 'running' | 'done' | 'error' | 'incomplete';

const LABELS: Readonly<Record<string, LabelKey>> = {
  web_search: 'Web search',
  web_fetch: 'Web fetch',
  code_execution: 'Code execution',
  bash_code_execution: 'Bash',
  text_editor_code_execution: 'File editor',
  tool_search_tool_regex: 'Tool search',
  tool_search_tool_bm25: 'Tool search',
};

const STATE_LABELS: Readonly<Record<ServerToolState, LabelKey>> = {
  'input-streaming': 'Preparing…',
  running: 'Searching…',
  done: 'Done',
  error: 'Failed',
  incomplete: 'Stopped',
};

/** Whether server tool `name` searches (the web, or the tools sent with `defer_loading`): "Searching…" while it runs. */
export function isSearchTool(name: unknown): boolean {
  return name === 'web_search' || String(name).startsWith('tool_search_tool_');
}

function serverToolState(props: ServerToolUseBlockProps): ServerToolState {
  const { block, message, progress } = props;
  if (isStillStreaming(progress, message)) return 'input-streaming';
  const result = message.content.find((item) => item.type !== block.type && item['tool_use_id'] === block.id);
  if (result !== undefined) {
    return isFailedRun(result['content']) || result['is_error'] === true ? 'error' : 'done';
  }
  return message.status === undefined || message.status === 'streaming' ? 'running' : 'incomplete';
}

/**
 * A call Anthropic runs (`server_tool_use`, or `mcp_tool_use` on an MCP server, named with it): the
 * tool, what it was asked (the search query, the URL or the file's path; the command or the code
 * to run; else the input as JSON) and its state: `input-streaming`, `running` until its result
 * block arrives, `done`, `error` (the result is an error, or a run exited with another code than 0)
 * or `incomplete` (the turn ended first).
 *
 * @example
 * <ServerToolUseBlock block={block} index={1} message={message} progress={message.blocks?.[1]} />
 */
export function ServerToolUseBlock(props: ServerToolUseBlockProps): ReactNode {
  const { block } = props;
  const t = useLabels();
  const state = serverToolState(props);
  const input = (block.input ?? {}) as Record<string, unknown>;
  const server = block['server_name'];
  // An MCP tool's input is its own: all of it shows, whatever its fields are called.
  const fields = typeof server === 'string' ? {} : input;
  const query = [fields['query'], fields['url'], fields['path']].find((value) => typeof value === 'string');
  const code = [fields['command'], fields['code']].find((value) => typeof value === 'string');
  const known = ownEntry(LABELS, block.name);
  const label = known ? t(known) : typeof server === 'string' ? `${server} · ${block.name}` : block.name;
  const status = t(state === 'running' && !isSearchTool(block.name) ? 'Running…' : STATE_LABELS[state]);
  return (
    <div
      data-slot="server-tool-use-block"
      data-state={state}
      data-tool={block.name}
      role="group"
      aria-label={label}
      {...rootProps(props)}
    >
      <div data-slot="server-tool-use-header">
        <span data-slot="server-tool-use-name">{label}</span>
        <span data-slot="server-tool-use-status">{status}</span>
      </div>
      {query !== undefined ? (
        <q data-slot="server-tool-use-query">{query}</q>
      ) : code !== undefined ? (
        <pre data-slot="server-tool-use-input" data-code="" tabIndex={0} role="group" aria-label={t('Input')}>
          {showHiddenCharacters(code)}
        </pre>
      ) : isEmptyObject(block.input) ? null : (
        <pre data-slot="server-tool-use-input" tabIndex={0} role="group" aria-label={t('Input')}>
          {formatValue(block.input, t)}
        </pre>
      )}
    </div>
  );
}
