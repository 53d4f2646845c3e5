import { expect } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { userMessage } from '../stories/fixtures.ts';
import { ContainerUploadBlock } from './container-upload-block.tsx';

const meta = preview.meta({ component: ContainerUploadBlock, title: 'Blocks/ContainerUploadBlock' });

const message = userMessage('u-upload', 'Plot the sales in this file.');
const block = { type: 'container_upload', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' } as const;

/** A file from the Files API put where code execution can read it. */
export const Uploaded = meta.story({
  args: {
    block,
    index: 1,
    message: { ...message, content: [...message.content, block] },
    progress: undefined,
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'File for code execution' })).toHaveTextContent(
      'file_011CNha8iCJcU1wXNR6q4V8w',
    );
  },
});
