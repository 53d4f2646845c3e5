import { createMockResponse, type MockScenario, scenarios } from '@chatstream/mocks';
import type { ChatMessage, ToolResultBlock, ToolUseBlock } from '@chatstream/reader';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import {
  ChatStream,
  ToolResultBlock as PlainToolResultBlock,
  ToolUseBlock as PlainToolUseBlock,
} from '@chatstream/ui';
import { scenePng } from '../stories/scene-png.ts';
import { expectNoAxeViolations } from '../test/axe.ts';
import { installStyles } from '../test/styles.ts';
import { attachmentRenderers } from './attachment-renderers.ts';
import { ToolResultBlockWithMedia, ToolUseBlockWithMedia } from './tool-result-media.tsx';

installStyles();

const chart = scenePng(480, 240);
const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: chart } };
const notes = {
  type: 'document',
  source: { type: 'text', media_type: 'text/plain', data: 'Rain at 4 pm.' },
  title: 'notes.txt',
};
const call: ToolUseBlock = { type: 'tool_use', id: 'toolu_1', name: 'draw_chart', input: { days: 3 } };

function assistantWith(result: unknown, status: 'done' | 'error' = 'done'): ChatMessage {
  return {
    id: 'a',
    role: 'assistant',
    status: 'complete',
    content: [call],
    toolCalls: { toolu_1: { status, result } },
  };
}

function renderToolUse(message: ChatMessage, Part = ToolUseBlockWithMedia, width = 640) {
  return render(
    <div style={{ inlineSize: `${width}px` }}>
      <Part
        block={call}
        index={0}
        message={message}
        progress={undefined}
        toolCall={message.toolCalls?.['toolu_1']}
      />
    </div>,
  );
}

const card = (container: HTMLElement, slot: string) =>
  container.querySelector<HTMLElement>(`[data-slot="${slot}"]`)!;

describe('ToolUseBlockWithMedia', () => {
  it('draws the images and documents of a client tool result inside its card, after its text', async () => {
    const screen = await renderToolUse(assistantWith([{ type: 'text', text: '3-day chart' }, image, notes]));
    const tool = screen.getByRole('group', { name: 'Tool call: draw_chart' });
    await expect.element(tool).toHaveAttribute('data-state', 'done');
    const picture = tool.getByRole('img', { name: 'PNG image' });
    await expect.element(picture).toHaveAttribute('src', `data:image/png;base64,${chart}`);
    await expect.element(tool.getByText('notes.txt')).toBeVisible();
    const result = card(screen.container, 'tool-use-result');
    expect(result.querySelector('pre')?.textContent).toBe('3-day chart');
    // The picture follows the text, inside the card, and no base64 is written out as text.
    const media = card(screen.container, 'tool-result-media');
    expect(card(screen.container, 'tool-use-block').contains(media)).toBe(true);
    expect(result.compareDocumentPosition(media) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.container.textContent).not.toContain(chart.slice(0, 40));
    await expect.poll(() => card(screen.container, 'image-block').dataset['state']).toBe('loaded');
    await expectNoAxeViolations(screen.container);
  });

  it('shows no empty text box when the result was only an image', async () => {
    const screen = await renderToolUse(assistantWith([image]));
    await expect.element(screen.getByRole('img', { name: 'PNG image' })).toBeVisible();
    await expect.element(screen.getByText('Result')).toBeVisible();
    const box = card(screen.container, 'tool-use-result').querySelector('pre')!;
    expect(getComputedStyle(box).display).toBe('none');
  });

  it('shows a chart larger than an attachment thumbnail, yet within the card on a phone', async () => {
    const wide = await renderToolUse(assistantWith([image]));
    await expect.poll(() => card(wide.container, 'image-block').dataset['state']).toBe('loaded');
    // 24rem: the 480 px chart is read at 384 px, where an attachment thumbnail would be 240 px.
    expect(wide.getByRole('img').element().getBoundingClientRect().width).toBe(384);
    const narrow = await renderToolUse(assistantWith([image]), ToolUseBlockWithMedia, 300);
    await expect.poll(() => card(narrow.container, 'image-block').dataset['state']).toBe('loaded');
    const inside = card(narrow.container, 'tool-result-media').getBoundingClientRect();
    const shown = card(narrow.container, 'image-block-image').getBoundingClientRect();
    expect(shown.width).toBeGreaterThan(200);
    expect(shown.right).toBeLessThanOrEqual(inside.right);
  });

  it('renders exactly as ToolUseBlock when the result holds no image or document', async () => {
    for (const result of [{ temperature: 18 }, 'Sunny', [{ type: 'text', text: 'Sunny' }], undefined]) {
      const message = assistantWith(result);
      const withMedia = await renderToolUse(message);
      const plain = await renderToolUse(message, PlainToolUseBlock);
      expect(withMedia.container.innerHTML).toBe(plain.container.innerHTML);
    }
  });
});

describe('ToolResultBlockWithMedia', () => {
  it('draws the images of a tool_result inside its card and keeps its error state', async () => {
    const block: ToolResultBlock = {
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: [{ type: 'text', text: 'Partial screenshot' }, image],
      is_error: true,
    };
    const message: ChatMessage = { id: 'u', role: 'user', content: [block] };
    const screen = await render(
      <ToolResultBlockWithMedia
        block={block}
        index={0}
        message={message}
        progress={undefined}
        toolUse={call}
      />,
    );
    const result = screen.getByRole('group', { name: 'Tool error: draw_chart' });
    await expect.element(result).toHaveAttribute('data-state', 'error');
    await expect.element(result.getByRole('img', { name: 'PNG image' })).toBeVisible();
    expect(card(screen.container, 'tool-result-content').textContent).toBe('Partial screenshot');
    expect(screen.container.textContent).not.toContain(chart.slice(0, 40));
  });

  it('renders exactly as ToolResultBlock when the content holds no image or document', async () => {
    const block: ToolResultBlock = { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny, 18 °C' };
    const message: ChatMessage = { id: 'u', role: 'user', content: [block] };
    const props = { block, index: 0, message, progress: undefined, toolUse: call };
    const withMedia = await render(<ToolResultBlockWithMedia {...props} />);
    const plain = await render(<PlainToolResultBlock {...props} />);
    expect(withMedia.container.innerHTML).toBe(plain.container.innerHTML);
  });
});

it('<ChatStream> with attachmentRenderers shows the chart a client tool returned, and sends it to the model', async () => {
  const answers: MockScenario[] = [scenarios.toolUse, scenarios.basic];
  const bodies: { messages: { content: unknown }[] }[] = [];
  const fetch = vi.fn<typeof globalThis.fetch>(async (_input, init) => {
    bodies.push(JSON.parse(init?.body as string));
    return createMockResponse(answers[bodies.length - 1]!, { timing: 'instant' });
  });
  const execute = vi.fn<() => unknown[]>(() => [{ type: 'text', text: 'Chart of the week' }, image]);
  const screen = await render(
    <ChatStream
      fetch={fetch}
      renderers={attachmentRenderers}
      tools={{ get_weather: { inputSchema: { type: 'object' }, execute } }}
      style={{ blockSize: 600 }}
    />,
  );
  await userEvent.fill(screen.getByRole('textbox', { name: 'Message' }), 'Weather in Paris?');
  await userEvent.keyboard('{Enter}');
  await expect.element(screen.getByText(scenarios.basic.expectedText)).toBeVisible();
  const tool = screen.getByRole('group', { name: 'Tool call: get_weather' });
  await expect.element(tool.getByRole('img', { name: 'PNG image' })).toBeVisible();
  await expect.element(tool.getByText('Chart of the week')).toBeVisible();
  expect(bodies[1]?.messages.at(-1)?.content).toEqual([
    {
      type: 'tool_result',
      tool_use_id: expect.any(String),
      content: [{ type: 'text', text: 'Chart of the week' }, image],
    },
  ]);
  await expectNoAxeViolations(screen.container);
});
