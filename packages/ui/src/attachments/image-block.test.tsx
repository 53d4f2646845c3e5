import type { ChatMessage, ContentBlock, ImageBlock as ImageContentBlock } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { ImageBlock } from './image-block.tsx';
// oxlint-disable-next-line import/no-unassigned-import
import '../styles.css';
import { scenePng } from '../stories/scene-png.ts';

function renderImage(block: unknown, extra: Record<string, unknown> = {}) {
  const message: ChatMessage = { id: 'u', role: 'user', content: [block as ContentBlock] };
  return render(
    <div style={{ inlineSize: '600px' }}>
      <ImageBlock
        block={block as ImageContentBlock}
        index={0}
        message={message}
        progress={undefined}
        {...extra}
      />
    </div>,
  );
}

const root = (container: HTMLElement) => container.querySelector<HTMLElement>('[data-slot="image-block"]')!;

describe('ImageBlock', () => {
  it('shows a base64 image from a data URL as a thumbnail that keeps its aspect ratio', async () => {
    const data = scenePng(800, 400);
    const screen = await renderImage(
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data } },
      { className: 'mine', id: 'picture' },
    );
    const image = screen.getByRole('img', { name: 'PNG image' });
    await expect.element(image).toHaveAttribute('src', `data:image/png;base64,${data}`);
    await expect.element(image).toHaveAttribute('loading', 'lazy');
    await expect.element(image).toHaveAttribute('decoding', 'async');
    await expect.poll(() => root(screen.container).dataset['state']).toBe('loaded');
    expect(root(screen.container).dataset['source']).toBe('base64');
    expect(root(screen.container).className).toBe('mine');
    expect(root(screen.container).id).toBe('picture');
    const { width, height } = image.element().getBoundingClientRect();
    expect(width).toBe(240);
    expect(height).toBe(120);
    await expectNoAxeViolations(screen.container);
  });

  it('toggles between the thumbnail and the full width when pressed', async () => {
    const screen = await renderImage({
      type: 'image',
      source: { type: 'base64', media_type: 'image/jpeg', data: scenePng(900, 300) },
    });
    const toggle = screen.getByRole('button', { name: 'JPEG image' });
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'true');
    const image = screen.getByRole('img').element();
    await expect.poll(() => image.getBoundingClientRect().width).toBeGreaterThan(500);
    await userEvent.keyboard('{Enter}');
    await expect.element(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect.poll(() => image.getBoundingClientRect().width).toBe(240);
    await expectNoAxeViolations(screen.container);
  });

  it('shows an http(s) image by its URL, and the box again when it does not load', async () => {
    const url = `${location.origin}/no-such-image-${Date.now()}.png`;
    const screen = await renderImage({ type: 'image', source: { type: 'url', url } });
    const image = screen.container.querySelector('img');
    expect(image?.getAttribute('src')).toBe(url);
    expect(image?.alt).toBe(`Image from ${location.hostname}`);
    // Its host learns nothing of the page that shows it.
    expect(image?.referrerPolicy).toBe('no-referrer');
    await expect.poll(() => root(screen.container).dataset['state']).toBe('error');
    expect(screen.container.querySelector('img')).toBeNull();
    await expect.element(screen.getByText('Could not be shown')).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });

  it('requests nothing for a Files API image and says what it is', async () => {
    const before = performance.getEntriesByType('resource').length;
    const screen = await renderImage({
      type: 'image',
      source: { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' },
    });
    await expect.element(screen.getByText('Image', { exact: true })).toBeVisible();
    await expect.element(screen.getByText('Uploaded file')).toBeVisible();
    expect(screen.container.querySelector('img, [src], [href]')).toBeNull();
    expect(root(screen.container).dataset['state']).toBe('unavailable');
    expect(root(screen.container).dataset['source']).toBe('file');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(
      performance
        .getEntriesByType('resource')
        .slice(before)
        .filter((entry) => entry.name.includes('file_')),
    ).toEqual([]);
    await expectNoAxeViolations(screen.container);
  });

  it('never uses a URL that is not http(s) as a source', async () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '//example.com/a.png',
      'ftp://example.com/a.png',
      '/relative.png',
    ]) {
      const screen = await renderImage({ type: 'image', source: { type: 'url', url } });
      expect(screen.container.querySelector('img, [src], [href]')).toBeNull();
      await expect.element(screen.getByText('Link not shown')).toBeVisible();
      await screen.unmount();
    }
  });

  it('never throws on a malformed block', async () => {
    const malformed: unknown[] = [
      { type: 'image' },
      { type: 'image', source: null },
      { type: 'image', source: 'iVBORw0KGgo' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 42 } },
      { type: 'image', source: { type: 'base64', media_type: 'text/html', data: 'PGI+' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png;x,<svg>', data: 'PGI+' } },
      { type: 'image', source: { type: 'url', url: 42 } },
      { type: 'image', source: { type: 'future_source', id: 'x' } },
      null,
    ];
    for (const block of malformed) {
      const screen = await renderImage(block);
      expect(root(screen.container).dataset['state']).toBe('unavailable');
      expect(screen.container.querySelector('img')).toBeNull();
      await screen.unmount();
    }
  });

  it('names an image of an unlisted format plainly, and shows the box when its data does not decode', async () => {
    const screen = await renderImage({
      type: 'image',
      source: { type: 'base64', media_type: 'image/avif', data: 'bm90IGFuIGltYWdl' },
    });
    expect(screen.container.querySelector('img')?.alt).toBe('Image');
    await expect.poll(() => root(screen.container).dataset['state']).toBe('error');
    await expect.element(screen.getByText('Could not be shown')).toBeVisible();
  });
});
