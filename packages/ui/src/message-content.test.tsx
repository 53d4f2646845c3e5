import type { ChatMessage } from '@chatstream/reader';
import type { ReactNode } from 'react';
import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import type { BlockRendererProps } from './block-props.ts';
import { MessageContent } from './message-content.tsx';
import { expectNoAxeViolations } from './test/axe.ts';
import { installStyles } from './test/styles.ts';
import { textSide } from './test/text-side.ts';

installStyles();

const call: ChatMessage = {
  id: 'a1',
  role: 'assistant',
  status: 'complete',
  stopReason: 'tool_use',
  content: [
    { type: 'text', text: 'Checking.' },
    { type: 'tool_use', id: 'toolu_1', name: 'delete_file', input: { path: '/tmp/x' } },
  ],
  blocks: [{ streaming: false }, { streaming: false, inputComplete: true }],
  toolCalls: { toolu_1: { status: 'awaiting-approval' } },
};

const results: ChatMessage = {
  id: 'u2',
  role: 'user',
  content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'deleted' }],
};

it('renders each block with the default renderer for its type and wires approval', async () => {
  const onApprove = vi.fn<(id: string, approved: boolean) => void>();
  const screen = await render(<MessageContent message={call} onApprove={onApprove} className="mine" />);
  await expect.element(screen.getByText('Checking.')).toBeVisible();
  await expect
    .element(screen.getByRole('group', { name: 'Tool call: delete_file' }))
    .toHaveAttribute('data-state', 'awaiting-approval');
  await screen.getByRole('button', { name: 'Approve' }).click();
  expect(onApprove).toHaveBeenCalledExactlyOnceWith('toolu_1', true);
  const root = screen.container.querySelector('[data-slot="message-content"]')!;
  expect(root.className).toBe('mine');
  expect(root.getAttribute('data-state')).toBe('complete');
  await expectNoAxeViolations(screen.container);
});

it('merges renderers over the defaults and hands them progress, tool state and the matching tool_use', async () => {
  const seen: Partial<BlockRendererProps>[] = [];
  function Spy(props: BlockRendererProps) {
    seen.push(props);
    return <p>{props.block.type}</p>;
  }
  const onToolResult = vi.fn<NonNullable<BlockRendererProps['onToolResult']>>();
  const screen = await render(
    <div>
      <MessageContent message={call} renderers={{ tool_use: Spy }} onToolResult={onToolResult} />
      <MessageContent message={results} previous={call} renderers={{ tool_result: Spy }} />
    </div>,
  );
  await expect.element(screen.getByText('Checking.')).toBeVisible();
  await expect.element(screen.getByText('tool_use', { exact: true })).toBeVisible();
  const [toolUse, toolResult] = seen;
  expect(toolUse?.toolCall).toEqual({ status: 'awaiting-approval' });
  expect(toolUse?.progress).toEqual({ streaming: false, inputComplete: true });
  expect(toolUse?.onToolResult).toBe(onToolResult);
  expect(toolResult?.toolUse).toBe(call.content[1]);
  await expectNoAxeViolations(screen.container);
});

it('draws unknown block types with the fallback renderer', async () => {
  const future: ChatMessage = {
    id: 'a3',
    role: 'assistant',
    content: [{ type: 'future_block', note: 'x' }],
  };
  const screen = await render(
    <MessageContent message={future} renderers={{ fallback: ({ block }) => <p>Unknown {block.type}</p> }} />,
  );
  await expect.element(screen.getByText('Unknown future_block')).toBeVisible();
  await expectNoAxeViolations(screen.container);
});

it('keeps the default renderer of a type whose renderer is given as undefined', async () => {
  const screen = await render(
    <MessageContent
      message={call}
      renderers={{ text: undefined, tool_use: undefined, fallback: undefined }}
    />,
  );
  await expect.element(screen.getByText('Checking.')).toBeVisible();
  // The default tool call card, not the fallback's JSON.
  expect(screen.container.querySelector('[data-slot="tool-use-block"]')).not.toBeNull();
  expect(screen.container.querySelector('[data-slot="fallback-block"]')).toBeNull();
});

it('sets each line of text in its own direction: Hebrew from the right, English from the left', async () => {
  const message: ChatMessage = {
    id: 'a1',
    role: 'assistant',
    status: 'complete',
    content: [{ type: 'text', text: 'שלום, מה שלומך?\nHello, how are you?\nمرحبا بك' }],
  };
  const screen = await render(
    <div style={{ inlineSize: '40rem' }}>
      <MessageContent message={message} />
    </div>,
  );
  const lines = [...screen.container.querySelectorAll('[data-slot="text-line"]')];
  expect(lines.map(textSide)).toEqual(['right', 'left', 'right']);
});

function searchCall(id: string, query: string): ChatMessage['content'][number] {
  return { type: 'server_tool_use', id, name: 'web_search', input: { query } };
}

function searchResult(id: string, title: string): ChatMessage['content'][number] {
  return {
    type: 'web_search_tool_result',
    tool_use_id: id,
    content: [{ type: 'web_search_result', url: `https://example.com/${id}`, title }],
  };
}

function OwnSearchResult(): ReactNode {
  return <div data-slot="web-search-result-block">Found</div>;
}

function boxOf(screen: { container: HTMLElement }, name: string): DOMRect {
  const group = [...screen.container.querySelectorAll('[role="group"]')].find(
    (element) => element.getAttribute('aria-label') === name,
  );
  if (!group) throw new Error(`no group named ${name}`);
  return group.getBoundingClientRect();
}

it('draws a server tool call and its result right after it as one card, and calls side by side apart', async () => {
  const searched: ChatMessage = {
    id: 'a3',
    role: 'assistant',
    status: 'complete',
    content: [searchCall('srvtoolu_1', 'tides'), searchResult('srvtoolu_1', 'Tide tables')],
  };
  const screen = await render(<MessageContent message={searched} />);
  await expect.element(screen.getByText('Tide tables')).toBeVisible();
  // The borders lie over each other: one line between the call and what it found.
  expect(boxOf(screen, 'Search results for tides').top).toBeCloseTo(
    boxOf(screen, 'Web search').bottom - 1,
    0,
  );

  // Two calls before their results: neither result is drawn under a call that is not its own.
  const parallel: ChatMessage = {
    ...searched,
    id: 'a4',
    content: [
      searchCall('srvtoolu_2', 'tides'),
      searchCall('srvtoolu_3', 'moon'),
      searchResult('srvtoolu_2', 'Tide tables'),
      searchResult('srvtoolu_3', 'Moon phases'),
    ],
  };
  await screen.rerender(<MessageContent message={parallel} />);
  await expect.element(screen.getByText('Moon phases')).toBeVisible();
  const [first, second] = [...screen.container.querySelectorAll('[data-slot="server-tool-use-block"]')].map(
    (element) => element.getBoundingClientRect(),
  );
  const tides = boxOf(screen, 'Search results for tides');
  expect(second!.top - first!.bottom).toBeGreaterThan(8);
  expect(tides.top - second!.bottom).toBeGreaterThan(8);
  expect(boxOf(screen, 'Search results for moon').top - tides.bottom).toBeGreaterThan(8);

  // A result drawn by the app's own renderer, which knows nothing of joining: the call stays a whole card.
  await screen.rerender(
    <MessageContent message={searched} renderers={{ web_search_tool_result: OwnSearchResult }} />,
  );
  await expect.element(screen.getByText('Found')).toBeVisible();
  const card = screen.container.querySelector('[data-slot="server-tool-use-block"]')!;
  expect(getComputedStyle(card).borderEndStartRadius).not.toBe('0px');
  expect(
    screen.getByText('Found').element().getBoundingClientRect().top - boxOf(screen, 'Web search').bottom,
  ).toBeGreaterThan(8);
});
