import { scenarios } from '@chatstream/mocks';
import type { ChatMessage, ToolCallState } from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { expectNoAxeViolations } from '../test/axe.ts';
import { findSnapshot, snapshotsOf, toChatMessage } from './test/message-snapshots.ts';
import { blockElement, renderBlock } from './test/render-block.tsx';
import { render } from 'vitest-browser-react';
import { toolUseState } from './tool-state.ts';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';

const TOOL = 1;

async function finalToolMessage(toolCall?: ToolCallState): Promise<ChatMessage> {
  const snapshots = await snapshotsOf(scenarios.toolUse);
  const message = toChatMessage(snapshots.at(-1)!);
  const id = String(message.content[TOOL]?.['id']);
  return toolCall ? { ...message, toolCalls: { [id]: toolCall } } : message;
}

const root = (container: HTMLElement) =>
  container.querySelector('[data-slot="tool-use-block"]') as HTMLElement;

/** A message whose tool call streams an input of `rows` lines. */
const streamingWith = (rows: number): ChatMessage => {
  const input = { rows: Array.from({ length: rows }, (_, row) => `row ${row}`) };
  const json = JSON.stringify(input);
  return {
    id: 'a1',
    role: 'assistant',
    status: 'streaming',
    content: [{ type: 'tool_use', id: 'toolu_1', name: 'fill_table', input }],
    blocks: [{ streaming: true, inputJson: json.slice(0, -2) }],
  };
};

describe('ToolUseBlock', () => {
  it('pretty-prints the input live while its JSON streams', async () => {
    const snapshots = await snapshotsOf(scenarios.toolUse);
    const mid = findSnapshot(
      snapshots,
      (s) => s.blocks[TOOL]?.streaming === true && (s.blocks[TOOL]?.inputJson ?? '').includes('Par'),
    );
    const screen = await renderBlock(toChatMessage(mid), TOOL);
    const group = screen.getByRole('group', { name: 'Tool call: get_weather' });
    await expect.element(group).toHaveAttribute('data-state', 'input-streaming');
    await expect.element(screen.getByText('Preparing input…')).toBeVisible();
    const input = screen.container.querySelector('[data-slot="tool-use-input"]')!;
    expect(input.textContent).toMatch(/^\{\n {2}"location": "Par/);
    await expectNoAxeViolations(screen.container);
  });

  it('keeps the end of a long input in view while it streams, unless the reader scrolled up in it', async () => {
    const screen = await renderBlock(streamingWith(40), 0);
    const box = screen.container.querySelector<HTMLElement>('[data-slot="tool-use-input"]')!;
    const atEnd = (): boolean => box.scrollHeight - box.clientHeight - box.scrollTop < 2;
    expect(box.scrollHeight).toBeGreaterThan(box.clientHeight);
    expect(atEnd()).toBe(true);
    await screen.rerender(<div>{blockElement(streamingWith(60), 0)}</div>);
    expect(atEnd()).toBe(true);
    box.scrollTop = 0;
    box.dispatchEvent(new Event('scroll'));
    await screen.rerender(<div>{blockElement(streamingWith(80), 0)}</div>);
    expect(box.scrollTop).toBe(0);
  });

  it('opens a long input asking for approval at its start, where the streaming box had followed its end', async () => {
    const screen = await renderBlock(streamingWith(80), 0);
    const box = screen.container.querySelector<HTMLElement>('[data-slot="tool-use-input"]')!;
    expect(box.scrollTop).toBeGreaterThan(0);
    const asking: ChatMessage = {
      ...streamingWith(80),
      status: 'complete',
      blocks: [{ streaming: false }],
      toolCalls: { toolu_1: { status: 'awaiting-approval' } },
    };
    await screen.rerender(<div>{blockElement(asking, 0, { onApprove: () => undefined })}</div>);
    await expect.element(screen.getByRole('button', { name: 'Approve' })).toBeVisible();
    expect(box.scrollTop).toBe(0);
    expect(box.textContent).toMatch(/^\{\n {2}"rows": \[\n {4}"row 0"/);
  });

  it('says the input was cut off, not "preparing", when the stream failed while it streamed', async () => {
    const snapshots = await snapshotsOf(scenarios.toolUse);
    const mid = findSnapshot(snapshots, (s) => (s.blocks[TOOL]?.inputJson ?? '').includes('Par'));
    for (const status of ['error', 'aborted', 'incomplete'] as const) {
      const screen = await renderBlock(toChatMessage(mid, status), TOOL);
      await expect
        .element(screen.getByRole('group', { name: 'Tool call: get_weather' }))
        .toHaveAttribute('data-state', 'input-incomplete');
      await screen.unmount();
    }
  });

  it('shows nothing for the {} placeholder before the first fragment', async () => {
    const snapshots = await snapshotsOf(scenarios.toolUse);
    const start = findSnapshot(snapshots, (s) => s.message.content.length > TOOL);
    const screen = await renderBlock(toChatMessage(start), TOOL);
    expect(screen.container.querySelector('[data-slot="tool-use-input"]')).toBeNull();
    await expect.element(screen.getByText('get_weather')).toBeVisible();
  });

  it('is "called" once the input is complete and no session tracks it', async () => {
    const screen = await renderBlock(await finalToolMessage(), TOOL);
    expect(root(screen.container).dataset['state']).toBe('called');
    expect(screen.container.querySelector('[data-slot="tool-use-input"]')?.textContent).toBe(
      JSON.stringify({ location: 'Paris, France', unit: 'celsius' }, null, 2),
    );
  });

  it('lets the keyboard reach and scroll a long input and result, each named', async () => {
    const long = Array.from({ length: 80 }, (_, index) => `line ${index}`).join('\n');
    const screen = await renderBlock(await finalToolMessage({ status: 'done', result: long }), TOOL);
    const input = screen.getByRole('group', { name: 'Input' });
    const result = screen.getByRole('group', { name: 'Result' });
    await expect.element(result).toHaveTextContent(/^line 0/);
    expect(result.element().scrollHeight).toBeGreaterThan(result.element().clientHeight);
    await userEvent.tab();
    expect(document.activeElement).toBe(input.element());
    await userEvent.tab();
    expect(document.activeElement).toBe(result.element());
    expect(getComputedStyle(result.element()).outlineStyle).toBe('solid');
    await userEvent.keyboard('{End}');
    await expect.poll(() => result.element().scrollTop).toBeGreaterThan(0);
    await expectNoAxeViolations(screen.container);
  });

  it('shows the start of a long result (a file an agent read) until asked for all of it', async () => {
    const file = Array.from({ length: 4000 }, (_, index) => `line ${index} of the file`).join('\n');
    const screen = await renderBlock(await finalToolMessage({ status: 'done', result: file }), TOOL);
    const result = screen.getByRole('group', { name: 'Result' });
    await expect.element(result).toHaveTextContent(/^line 0 of the file/);
    expect(result.element().textContent).toHaveLength(2001);
    expect(result.element().textContent).toBe(`${file.slice(0, 2000)}…`);
    const showAll = screen.getByRole('button', {
      name: `Show all ${file.length.toLocaleString('en')} characters`,
    });
    await expectNoAxeViolations(screen.container);
    (showAll.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(result).toHaveTextContent(/line 3999 of the file$/);
    expect(result.element().textContent).toBe(file);
    expect(showAll.query()).toBeNull();
    // The button went: the focus is on what it showed, not lost to the page.
    expect(document.activeElement).toBe(result.element());
  });

  it('keeps its JSON left to right in a right-to-left page, and a line of Arabic text right to left', async () => {
    const message = await finalToolMessage({ status: 'done', result: { temperature: '18 °C' } });
    const screen = await render(<div dir="rtl">{blockElement(message, TOOL)}</div>);
    const input = screen.getByRole('group', { name: 'Input' }).element();
    const result = screen.getByRole('group', { name: 'Result' }).element();
    for (const box of [input, result]) {
      expect(getComputedStyle(box).direction).toBe('ltr');
      expect(getComputedStyle(box).unicodeBidi).toBe('plaintext');
    }
    // The JSON's braces start at the left edge, as in a left-to-right page.
    const range = document.createRange();
    range.setStart(result.firstChild!, 0);
    range.setEnd(result.firstChild!, 1);
    const box = result.getBoundingClientRect();
    expect(range.getBoundingClientRect().left - box.left).toBeLessThan(16);
  });

  it('asks for approval with Approve and Deny buttons that call onApprove', async () => {
    const message = await finalToolMessage({ status: 'awaiting-approval' });
    const onApprove = vi.fn<(id: string, approved: boolean) => void>();
    const screen = await renderBlock(message, TOOL, { onApprove });
    await expect.element(screen.getByText('Awaiting approval')).toBeVisible();
    await screen.getByRole('button', { name: 'Approve' }).click();
    await screen.getByRole('button', { name: 'Deny' }).click();
    const id = message.content[TOOL]?.['id'];
    expect(onApprove.mock.calls).toEqual([
      [id, true],
      [id, false],
    ]);
    await expectNoAxeViolations(screen.container);
  });

  it('shows what it asks approval for whole, its invisible characters as escapes', async () => {
    const message = await finalToolMessage({ status: 'awaiting-approval' });
    const path = `/tmp/cache.txt${' '.repeat(12_000)}/home/user/.ssh/id_rsa\u202Etxt.exe`;
    const call = { ...message.content[TOOL]!, input: { path } };
    const asking = {
      ...message,
      content: message.content.map((block, index) => (index === TOOL ? call : block)),
    };
    const screen = await renderBlock(asking, TOOL, { onApprove: () => undefined });
    await expect
      .element(screen.getByRole('group', { name: 'Input' }))
      .toHaveTextContent(/\/home\/user\/\.ssh\/id_rsa\\u202etxt\.exe/);
  });

  it('offers no buttons when nobody can approve', async () => {
    const screen = await renderBlock(await finalToolMessage({ status: 'awaiting-approval' }), TOOL);
    expect(screen.getByRole('button').all()).toHaveLength(0);
  });

  it.each([
    ['running', undefined, 'Running…', undefined],
    ['awaiting-result', undefined, 'Waiting for result', undefined],
    ['done', { temperature: 18, sky: 'clear' }, 'Done', 'Result'],
    ['error', 'Weather service unavailable', 'Failed', 'Error'],
    ['denied', 'The user denied this tool call.', 'Denied', 'Error'],
    // What the model is told of a call the person stopped is no result to show them.
    ['stopped', 'Tool call aborted', 'Stopped', undefined],
  ] as const)('shows the %s state and its result', async (status, result, label, resultLabel) => {
    const toolCall: ToolCallState = result === undefined ? { status } : { status, result };
    const screen = await renderBlock(await finalToolMessage(toolCall), TOOL);
    expect(root(screen.container).dataset['state']).toBe(status);
    await expect.element(screen.getByText(label, { exact: true })).toBeVisible();
    const shown = screen.container.querySelector('[data-slot="tool-use-result"]');
    expect({
      label: shown?.querySelector('[data-slot="tool-use-result-label"]')?.textContent,
      text: shown?.querySelector('pre')?.textContent,
    }).toEqual({
      label: resultLabel,
      text:
        resultLabel === undefined || typeof result === 'string'
          ? resultLabel && result
          : JSON.stringify(result, null, 2),
    });
    await expectNoAxeViolations(screen.container);
  });

  it('says when max_tokens cut the input, keeping the partial reading', async () => {
    const snapshots = await snapshotsOf(scenarios.maxTokensInToolInput);
    const message = toChatMessage(snapshots.at(-1)!, 'incomplete');
    const index = message.content.findIndex((block) => block.type === 'tool_use');
    const screen = await renderBlock(message, index);
    expect(root(screen.container).dataset['state']).toBe('input-incomplete');
    await expect.element(screen.getByText('Input cut off')).toBeVisible();
    expect(screen.container.querySelector('[data-slot="tool-use-input"]')?.textContent).toContain(
      'notes/today.md',
    );
  });

  it('derives the state from progress first, then the session', () => {
    expect(toolUseState({ streaming: true, inputJson: '{"a' }, { status: 'input-streaming' })).toBe(
      'input-streaming',
    );
    expect(toolUseState({ streaming: false, inputComplete: false }, undefined)).toBe('input-incomplete');
    expect(toolUseState({ streaming: false, inputComplete: true }, { status: 'done', result: 1 })).toBe(
      'done',
    );
    expect(toolUseState(undefined, undefined)).toBe('called');
  });
});

describe('ToolResultBlock', () => {
  it('names the tool it answers and marks errors', async () => {
    const toolMessage = await finalToolMessage();
    const toolUse = toolMessage.content[TOOL];
    const id = String(toolUse?.['id']);
    const user: ChatMessage = {
      id: 'user-1',
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: id, content: [{ type: 'text', text: '18 °C, clear' }] },
        { type: 'tool_result', tool_use_id: id, content: 'Service down', is_error: true },
      ],
    };
    const screen = await renderBlock(user, 0, { toolUse });
    const group = screen.getByRole('group', { name: 'Tool result: get_weather' });
    await expect.element(group).toHaveAttribute('data-state', 'done');
    await expect.element(screen.getByText('18 °C, clear')).toBeVisible();
    await expectNoAxeViolations(screen.container);

    const failed = await renderBlock(user, 1, { toolUse });
    await expect
      .element(failed.getByRole('group', { name: 'Tool error: get_weather' }))
      .toHaveAttribute('data-state', 'error');
    await expect.element(failed.getByText('Service down')).toBeVisible();
  });
});
