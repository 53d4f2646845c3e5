import { scenarios } from '@chatstream/mocks';
import type { ChatMessage } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../test/axe.ts';
import { defaultBlockRenderers } from './default-block-renderers.ts';
import { findSnapshot, snapshotsOf, toChatMessage } from './test/message-snapshots.ts';
import { blockElement, renderBlock } from './test/render-block.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

const SERVER_TOOL = 1;
const RESULT = 2;

describe('ServerToolUseBlock', () => {
  it('shows the query while it streams, runs until the result arrives, then is done', async () => {
    const snapshots = await snapshotsOf(scenarios.webSearch);
    const streaming = findSnapshot(
      snapshots,
      (s) =>
        s.blocks[SERVER_TOOL]?.streaming === true &&
        (s.blocks[SERVER_TOOL]?.inputJson ?? '').includes('Webb'),
    );
    const screen = await renderBlock(toChatMessage(streaming), SERVER_TOOL);
    const group = screen.getByRole('group', { name: 'Web search' });
    await expect.element(group).toHaveAttribute('data-state', 'input-streaming');
    await expect.element(screen.getByText(/James Webb/)).toBeVisible();

    const running = findSnapshot(
      snapshots,
      (s) => s.blocks[SERVER_TOOL]?.streaming === false && s.message.content.length === SERVER_TOOL + 1,
    );
    await screen.rerender(<div>{blockElement(toChatMessage(running), SERVER_TOOL)}</div>);
    await expect
      .element(screen.getByRole('group', { name: 'Web search' }))
      .toHaveAttribute('data-state', 'running');
    await expect.element(screen.getByText('Searching…')).toBeVisible();
    await expect.element(screen.getByText('James Webb telescope latest discovery')).toBeVisible();
    await expectNoAxeViolations(screen.container);

    await screen.rerender(<div>{blockElement(toChatMessage(snapshots.at(-1)!), SERVER_TOOL)}</div>);
    await expect
      .element(screen.getByRole('group', { name: 'Web search' }))
      .toHaveAttribute('data-state', 'done');
  });

  it('is incomplete when the turn ended before a result', async () => {
    const snapshots = await snapshotsOf(scenarios.webSearch);
    const running = findSnapshot(
      snapshots,
      (s) => s.blocks[SERVER_TOOL]?.streaming === false && s.message.content.length === SERVER_TOOL + 1,
    );
    const screen = await renderBlock(toChatMessage(running, 'aborted'), SERVER_TOOL);
    await expect
      .element(screen.getByRole('group', { name: 'Web search' }))
      .toHaveAttribute('data-state', 'incomplete');
  });
});

describe('WebSearchResultBlock', () => {
  it('lists the pages found as links with titles, domains and ages', async () => {
    const snapshots = await snapshotsOf(scenarios.webSearch);
    const message = toChatMessage(snapshots.at(-1)!);
    const screen = await renderBlock(message, RESULT, { toolUse: message.content[SERVER_TOOL] });
    const group = screen.getByRole('group', {
      name: 'Search results for James Webb telescope latest discovery',
    });
    await expect.element(group).toHaveAttribute('data-state', 'done');
    const links = screen.getByRole('link').all();
    expect(links.map((link) => link.element().textContent)).toEqual([
      'Webb spots a distant galaxy',
      'New exoplanet atmosphere',
    ]);
    await expect.element(links[0]!).toHaveAttribute('href', 'https://example.com/webb-galaxy');
    await expect.element(links[0]!).toHaveAttribute('target', '_blank');
    expect(screen.getByText('example.com').all()).toHaveLength(2);
    await expect.element(screen.getByText('March 3, 2025')).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('shows the error code of a failed search', async () => {
    const message: ChatMessage = {
      id: 'm',
      role: 'assistant',
      status: 'complete',
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
        },
      ],
    };
    const screen = await renderBlock(message, 1, { toolUse: message.content[0] });
    await expect
      .element(screen.getByRole('group', { name: 'Search results for x' }))
      .toHaveAttribute('data-state', 'error');
    await expect.element(screen.getByText('max_uses_exceeded')).toBeVisible();
    const tool = await renderBlock(message, 0);
    await expect
      .element(tool.getByRole('group', { name: 'Web search' }))
      .toHaveAttribute('data-state', 'error');
    await expectNoAxeViolations(screen.container);
  });

  it('never links a result whose URL is not http(s)', async () => {
    const message: ChatMessage = {
      id: 'm',
      role: 'assistant',
      content: [
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: [{ type: 'web_search_result', title: 'Bad', url: 'javascript:alert(1)' }],
        },
      ],
    };
    const screen = await renderBlock(message, 0);
    await expect.element(screen.getByText('Bad')).toBeVisible();
    expect(screen.getByRole('link').all()).toHaveLength(0);
  });
});

/** An answer that ran `call` on Anthropic's side and got `result` back. */
const ran = (call: Record<string, unknown>, result?: Record<string, unknown>): ChatMessage => ({
  id: 'a',
  role: 'assistant',
  status: 'complete',
  content: [
    { type: 'server_tool_use', id: 'srvtoolu_1', ...call },
    ...(result
      ? [{ tool_use_id: 'srvtoolu_1', ...result } as unknown as ChatMessage['content'][number]]
      : []),
  ],
});

describe('Code execution', () => {
  it('shows the command, what the run printed and its errors; a run that exited with 2 failed', async () => {
    const message = ran(
      { name: 'bash_code_execution', input: { command: 'python plot.py' } },
      {
        type: 'bash_code_execution_tool_result',
        content: {
          type: 'bash_code_execution_result',
          stdout: 'loading data',
          stderr: "python: can't open file 'plot.py'",
          return_code: 2,
          content: [],
        },
      },
    );
    const screen = await renderBlock(message, 0);
    const call = screen.getByRole('group', { name: 'Bash' });
    await expect.element(call).toHaveAttribute('data-state', 'error');
    await expect.element(call.getByText('Failed')).toBeVisible();
    await expect.element(call.getByRole('group', { name: 'Input' })).toHaveTextContent('python plot.py');

    await screen.rerender(<div>{blockElement(message, 1)}</div>);
    const result = screen.getByRole('group', { name: 'Code execution result' });
    await expect.element(result).toHaveAttribute('data-state', 'error');
    await expect.element(result.getByRole('group', { name: 'Output' })).toHaveTextContent('loading data');
    await expect.element(result.getByRole('group', { name: 'Errors' })).toHaveTextContent("can't open file");
    await expect.element(result.getByText('Exit code 2')).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('says a run that made files made them, a file the editor wrote, and a tool that could not run', async () => {
    const made = ran(
      { name: 'code_execution', input: { code: 'print(1)' } },
      {
        type: 'code_execution_tool_result',
        content: {
          type: 'code_execution_result',
          stdout: '1',
          stderr: '',
          return_code: 0,
          content: [{ type: 'code_execution_output', file_id: 'file_1' }],
        },
      },
    );
    const screen = await renderBlock(made, 1);
    await expect
      .element(screen.getByRole('group', { name: 'Code execution result' }))
      .toHaveAttribute('data-state', 'done');
    await expect.element(screen.getByText('1 file')).toBeVisible();
    expect(screen.getByRole('group', { name: 'Errors' }).query()).toBeNull();

    const written = ran(
      { name: 'text_editor_code_execution', input: { command: 'create', path: '/tmp/a.py', file_text: 'x' } },
      {
        type: 'text_editor_code_execution_tool_result',
        content: { type: 'text_editor_code_execution_create_result', is_file_update: false },
      },
    );
    await screen.rerender(
      <div>
        {blockElement(written, 0)}
        {blockElement(written, 1)}
      </div>,
    );
    await expect.element(screen.getByRole('group', { name: 'File editor' })).toHaveTextContent('/tmp/a.py');
    await expect.element(screen.getByText('File created')).toBeVisible();

    const refused = ran(
      { name: 'bash_code_execution', input: { command: 'ls' } },
      {
        type: 'bash_code_execution_tool_result',
        content: { type: 'bash_code_execution_tool_result_error', error_code: 'unavailable' },
      },
    );
    await screen.rerender(<div>{blockElement(refused, 1)}</div>);
    await expect.element(screen.getByText('The code could not run.')).toBeVisible();
    await expect.element(screen.getByText('unavailable', { exact: true })).toBeVisible();
  });
});

describe('MCP tool calls', () => {
  it('name their server, run until their result, and fail when it is an error', async () => {
    const call = {
      type: 'mcp_tool_use',
      id: 'mcptoolu_1',
      name: 'lookup_account',
      server_name: 'crm',
      input: { account: 'ACME' },
    } as ChatMessage['content'][number];
    const answer = (status: ChatMessage['status'], ...rest: ChatMessage['content']): ChatMessage => ({
      id: 'a',
      role: 'assistant',
      status,
      content: [call, ...rest],
    });
    const screen = await renderBlock(answer('streaming'), 0);
    const card = screen.getByRole('group', { name: 'crm · lookup_account' });
    await expect.element(card).toHaveAttribute('data-state', 'running');
    await screen.rerender(
      <div>
        {blockElement(
          answer('complete', {
            type: 'mcp_tool_result',
            tool_use_id: 'mcptoolu_1',
            is_error: true,
            content: [{ type: 'text', text: 'Not found' }],
          }),
          0,
        )}
      </div>,
    );
    await expect.element(card).toHaveAttribute('data-state', 'error');
  });
});

describe('Tool search', () => {
  it('names the search, says it searches, then lists the tools it found', async () => {
    const snapshots = await snapshotsOf(scenarios.toolSearch);
    const running = findSnapshot(
      snapshots,
      (s) => s.blocks[0]?.streaming === false && s.message.content.length === 1,
    );
    const screen = await renderBlock(toChatMessage(running), 0);
    const call = screen.getByRole('group', { name: 'Tool search' });
    await expect.element(call).toHaveAttribute('data-state', 'running');
    await expect.element(call.getByText('Searching…')).toBeVisible();
    await expect.element(call.getByText('weather')).toBeVisible();

    const message = toChatMessage(snapshots.at(-1)!);
    await screen.rerender(
      <div>
        {blockElement(message, 0)}
        {blockElement(message, 1)}
      </div>,
    );
    await expect.element(call).toHaveAttribute('data-state', 'done');
    const found = screen.getByRole('group', { name: 'Tools found' });
    await expect.element(found).toHaveAttribute('data-state', 'done');
    expect(
      found
        .getByRole('listitem')
        .all()
        .map((item) => item.element().textContent),
    ).toEqual(['get_weather', 'get_forecast']);
    expect(screen.container.querySelector('[data-slot="fallback-block"]')).toBeNull();
    await expectNoAxeViolations(screen.container);
  });

  it('says why a search failed, with its code, and that one found nothing', async () => {
    const failed = ran(
      { name: 'tool_search_tool_bm25', input: { query: 'crm' } },
      {
        type: 'tool_search_tool_result',
        content: {
          type: 'tool_search_tool_result_error',
          error_code: 'execution_time_exceeded',
          error_message: 'The pattern took too long to match.',
        },
      },
    );
    const screen = await renderBlock(failed, 1);
    const result = screen.getByRole('group', { name: 'Tools found' });
    await expect.element(result).toHaveAttribute('data-state', 'error');
    await expect.element(result.getByText('The tool search took too long.')).toBeVisible();
    await expect.element(result.getByText('execution_time_exceeded')).toBeVisible();
    await expect.element(result.getByText('The pattern took too long to match.')).toBeVisible();
    await screen.rerender(<div>{blockElement(failed, 0)}</div>);
    await expect
      .element(screen.getByRole('group', { name: 'Tool search' }))
      .toHaveAttribute('data-state', 'error');

    const empty = ran(
      { name: 'tool_search_tool_regex', input: { query: '^zzz' } },
      {
        type: 'tool_search_tool_result',
        content: { type: 'tool_search_tool_search_result', tool_references: [] },
      },
    );
    await screen.rerender(<div>{blockElement(empty, 1)}</div>);
    await expect.element(screen.getByText('No tools found.')).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });
});

describe('ContainerUploadBlock', () => {
  it('shows a file put in the code container by its id', async () => {
    const message: ChatMessage = {
      id: 'u',
      role: 'user',
      content: [
        { type: 'text', text: 'Plot this.' },
        { type: 'container_upload', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' },
      ],
    };
    const screen = await renderBlock(message, 1);
    const chip = screen.getByRole('group', { name: 'File for code execution' });
    await expect.element(chip).toHaveTextContent('file_011CNha8iCJcU1wXNR6q4V8w');
    expect(screen.container.querySelector('[data-slot="fallback-block"]')).toBeNull();
    await expectNoAxeViolations(screen.container);
  });
});

describe('FallbackBlock', () => {
  it('shows the type of a block it does not know instead of failing', async () => {
    const snapshots = await snapshotsOf(scenarios.futureEvents);
    const message = toChatMessage(snapshots.at(-1)!);
    const index = message.content.findIndex((block) => block.type === 'future_block');
    const screen = await renderBlock(message, index);
    await expect.element(screen.getByText('future_block', { exact: true })).toBeVisible();
    expect(screen.container.querySelector('[data-slot="fallback-block"]')?.getAttribute('data-type')).toBe(
      'future_block',
    );
    await expectNoAxeViolations(screen.container);
  });

  it('has a renderer for every block type the API streams', () => {
    expect(Object.keys(defaultBlockRenderers).toSorted()).toEqual(
      [
        'fallback',
        'mcp_tool_result',
        'mcp_tool_use',
        'redacted_thinking',
        'server_tool_use',
        'text',
        'thinking',
        'tool_result',
        'tool_use',
        'web_search_tool_result',
        'web_fetch_tool_result',
        'code_execution_tool_result',
        'bash_code_execution_tool_result',
        'text_editor_code_execution_tool_result',
        'tool_search_tool_result',
        'container_upload',
      ].toSorted(),
    );
  });
});
