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

describe('FallbackBlock', () => {
  it('shows the type of a block it does not know instead of failing', async () => {
    const snapshots = await snapshotsOf(scenarios.futureEvents);
    const message = toChatMessage(snapshots.at(-1)!);
    const index = message.content.findIndex((block) => block.type === 'container_upload');
    const screen = await renderBlock(message, index);
    await expect.element(screen.getByText('container_upload', { exact: true })).toBeVisible();
    expect(screen.container.querySelector('[data-slot="fallback-block"]')?.getAttribute('data-type')).toBe(
      'container_upload',
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
      ].toSorted(),
    );
  });
});
