import { expect, fn, waitFor } from 'storybook/test';
import preview from '../../../../.storybook/preview.tsx';
import { scenePngFile } from '../stories/scene-png.ts';
import { AttachmentComposer } from './attachment-composer.tsx';

const meta = preview.meta({
  component: AttachmentComposer,
  title: 'Parts/AttachmentComposer',
  args: { onSend: fn(), onStop: fn() },
  parameters: {
    docs: {
      description: {
        component:
          'The composer with attachments (`@chatstream/ui/attachments`): pick, paste or drop images, PDFs and ' +
          'text files. Each becomes an API content block as it is added (images scaled to the 1,568 pixels the ' +
          'API keeps); one that cannot be sent says why.',
      },
    },
  },
});

/**
 * Files picked with the attach button: a thumbnail for the image, the name for the notes, and a Word
 * file that cannot be sent, saying why. Send puts the files ahead of the text.
 */
export const WithFiles = meta.story({
  play: async ({ canvas, canvasElement, userEvent }) => {
    const picker = canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!;
    await userEvent.upload(picker, [
      scenePngFile(640, 400),
      new File(['# Launch checklist\n\n- [ ] Ship'], 'notes.md', { type: 'text/markdown' }),
      new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])], 'contract.docx'),
    ]);
    await expect(await canvas.findByRole('alert')).toHaveTextContent(/^contract\.docx is not an image/);
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('[data-slot="attachment"][data-state="ready"]')).toHaveLength(2),
    );
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Is the checklist done?');
    await expect(canvas.getByRole('button', { name: 'Remove contract.docx' })).toBeVisible();
  },
});

/** Files alone are a message: Send is on as soon as they are read, and sends their blocks. */
export const FilesAlone = meta.story({
  play: async ({ canvas, canvasElement, userEvent, args }) => {
    const send = canvas.getByRole('button', { name: 'Send' });
    await expect(send).toBeDisabled();
    const picker = canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!;
    await userEvent.upload(picker, [new File(['a,b\n1,2'], 'data.csv', { type: 'text/csv' })]);
    await waitFor(() => expect(send).toBeEnabled());
    await userEvent.click(send);
    await expect(args.onSend).toHaveBeenCalledWith([
      {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: 'a,b\n1,2' },
        title: 'data.csv',
      },
    ]);
    await expect(canvas.queryByRole('list', { name: 'Attachments' })).toBeNull();
  },
});
