import type { ChatMessage, ImageBlock as ImageContentBlock } from '@chatstream/reader';
import { expect, waitFor } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { scenePng } from '../stories/scene-png.ts';
import { ImageBlock } from './image-block.tsx';

const meta = preview.meta({ component: ImageBlock, title: 'Blocks/ImageBlock' });

/** The renderer props for one image block in a user message. */
function imageProps(source: unknown) {
  const block = { type: 'image', source } as ImageContentBlock;
  const message: ChatMessage = { id: 'u-image', role: 'user', content: [block] };
  return { block, index: 0, message, progress: undefined };
}

/** A PNG the user attached (base64): a thumbnail within 240 px that keeps its aspect ratio; press it for the full width. */
export const Png = meta.story({
  args: imageProps({ type: 'base64', media_type: 'image/png', data: scenePng(480, 320) }),
  play: async ({ canvas, canvasElement, userEvent }) => {
    const image = canvas.getByRole('img', { name: 'PNG image' });
    await waitFor(() =>
      expect(canvasElement.querySelector('[data-slot="image-block"]')).toHaveAttribute(
        'data-state',
        'loaded',
      ),
    );
    await expect(image.getBoundingClientRect().width).toBe(240);
    const toggle = canvas.getByRole('button', { name: 'PNG image' });
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(toggle);
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  },
});

/** A tall image: its height is the side held to 240 px. */
export const Portrait = meta.story({
  args: imageProps({ type: 'base64', media_type: 'image/png', data: scenePng(240, 480) }),
});

/** An image uploaded with the Files API: only the page's server can read it, so a labelled box and no request. */
export const FilesApi = meta.story({
  args: imageProps({ type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' }),
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByText('Uploaded file')).toBeVisible();
    await expect(canvasElement.querySelector('img')).toBeNull();
  },
});

/** A `url` source that is not http(s) is never loaded. */
export const UnsafeUrl = meta.story({
  args: imageProps({ type: 'url', url: 'javascript:alert(1)' }),
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByText('Link not shown')).toBeVisible();
    await expect(canvasElement.querySelector('img')).toBeNull();
  },
});
