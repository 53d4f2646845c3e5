import type { ChatInput } from '@chatstream/reader';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { expectNoAxeViolations } from '../test/axe.ts';
import { scenePngFile } from '../stories/scene-png.ts';
import { installStyles } from '../test/styles.ts';
import { AttachmentComposer, type AttachmentComposerProps } from './attachment-composer.tsx';
import { AttachmentList } from './attachment-list.tsx';

installStyles();

/** A 24-bit BMP of the given size: an image format browsers decode and the API does not take. */
function bmp(width: number, height: number): File {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const bytes = new Uint8Array(54 + rowBytes * height);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]);
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  bytes.fill(0x80, 54);
  return new File([bytes], 'scan.bmp', { type: 'image/bmp' });
}

const text = (content: string, name: string, type = 'text/plain') => new File([content], name, { type });

async function setup(props: Partial<AttachmentComposerProps> = {}) {
  const onSend = vi.fn<(input: ChatInput) => void>();
  const screen = await render(<AttachmentComposer onSend={onSend} {...props} />);
  const box = screen.getByRole('textbox', { name: 'Message' });
  const picker = screen.container.querySelector('input[type="file"]') as HTMLInputElement;
  const list = () => screen.container.querySelector('[data-slot="attachment-list"]');
  return { screen, box, picker, onSend, list };
}

function dataTransfer(...items: (File | [type: string, value: string])[]): DataTransfer {
  const transfer = new DataTransfer();
  for (const item of items) {
    if (item instanceof File) transfer.items.add(item);
    else transfer.setData(...item);
  }
  return transfer;
}

describe('AttachmentComposer', () => {
  it('sends picked files as blocks ahead of the text, then empties the list', async () => {
    const { screen, box, picker, onSend, list } = await setup();
    await userEvent.upload(picker, [scenePngFile(4, 3), text('# Notes', 'notes.md', 'text/markdown')]);
    await expect.element(screen.getByRole('listitem').first()).toHaveAttribute('data-state', 'ready');
    await expect.element(screen.getByRole('listitem').last()).toHaveAttribute('data-state', 'ready');
    await expect
      .element(screen.container.querySelector<HTMLElement>('[data-slot="attachment-thumbnail"]'))
      .toBeVisible();
    await expect.element(screen.getByRole('status')).toHaveTextContent('2 files attached');
    await userEvent.fill(box, 'What are these?');
    await userEvent.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledOnce();
    const [sent] = onSend.mock.calls[0]!;
    expect(sent).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: expect.any(String) } },
      {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: '# Notes' },
        title: 'notes.md',
      },
      { type: 'text', text: 'What are these?' },
    ]);
    expect(list()).toBeNull();
    await expect.element(box).toHaveValue('');
  });

  it('sends files alone, and text alone as a string', async () => {
    const { screen, box, picker, onSend } = await setup();
    const send = screen.getByRole('button', { name: 'Send' });
    await expect.element(send).toBeDisabled();
    await userEvent.upload(picker, [text('a,b\n1,2', 'data.csv', 'text/csv')]);
    await expect.element(send).toBeEnabled();
    await userEvent.click(send);
    expect(onSend).toHaveBeenLastCalledWith([
      {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: 'a,b\n1,2' },
        title: 'data.csv',
      },
    ]);
    await userEvent.fill(box, 'just words');
    await userEvent.keyboard('{Enter}');
    expect(onSend).toHaveBeenLastCalledWith('just words');
  });

  it('says why a file cannot be sent, leaves it out, and removes it on request', async () => {
    const { screen, box, picker, onSend, list } = await setup();
    await userEvent.upload(picker, [new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])], 'letter.docx')]);
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent(
        /^letter\.docx is not an image \(JPEG, PNG, GIF, WebP\), a PDF or text \(it is application\/vnd/,
      );
    await expect.element(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Remove letter.docx' }));
    expect(list()).toBeNull();
    await userEvent.fill(box, 'hello');
    await userEvent.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledExactlyOnceWith('hello');
  });

  it('hands the focus on from a removed file: to the next Remove, else the previous, else the attach button', async () => {
    const { screen, list } = await setup();
    const picker = screen.container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(picker, [text('a', 'a.txt'), text('b', 'b.txt'), text('c', 'c.txt')]);
    await expect.element(screen.getByRole('status')).toHaveTextContent('3 files attached');
    const remove = (name: string) => screen.getByRole('button', { name: `Remove ${name}` });
    (remove('a.txt').element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(remove('a.txt')).not.toBeInTheDocument();
    expect(document.activeElement).toBe(remove('b.txt').element());
    (remove('c.txt').element() as HTMLElement).focus();
    await userEvent.keyboard(' ');
    await expect.element(remove('c.txt')).not.toBeInTheDocument();
    expect(document.activeElement).toBe(remove('b.txt').element());
    await userEvent.keyboard('{Enter}');
    expect(list()).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Attach files' }).element());
  });

  it('refuses a damaged image, which the API would refuse in every later turn too', async () => {
    const { screen, picker } = await setup();
    const broken = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6]);
    await userEvent.upload(picker, [new File([broken], 'broken.png', { type: 'image/png' })]);
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('broken.png is not a readable image (it may be damaged).');
    await expect.element(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('takes at most maxFiles files and says once which were left out', async () => {
    const { screen, picker } = await setup({ maxFiles: 2 });
    await userEvent.upload(picker, [text('1', 'one.txt'), text('2', 'two.txt'), text('3', 'three.txt')]);
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('three.txt was not added: a message holds at most 2 files.');
    expect(screen.getByRole('listitem').elements()).toHaveLength(3);
    await userEvent.click(screen.getByRole('button', { name: 'Remove three.txt' }));
    const many = Array.from({ length: 30 }, (_, index) => text(String(index), `file-${index}.txt`));
    await userEvent.upload(picker, many);
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('file-0.txt and 29 more were not added: a message holds at most 2 files.');
    expect(screen.getByRole('listitem').elements()).toHaveLength(3);
  });

  it('attaches pasted files, but not the picture that comes with copied text', async () => {
    const { screen, box, list } = await setup();
    await userEvent.click(box);
    const picture = scenePngFile(2, 2, 'image.png');
    box.element().dispatchEvent(
      new ClipboardEvent('paste', {
        clipboardData: dataTransfer(picture, ['text/plain', 'A1 B1']),
        bubbles: true,
      }),
    );
    expect(list()).toBeNull();
    box
      .element()
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dataTransfer(picture), bubbles: true }));
    await expect.element(screen.getByRole('listitem')).toHaveAttribute('data-state', 'ready');
  });

  it('attaches dropped files and shows where they can be dropped', async () => {
    const { screen, box } = await setup();
    const form = screen.container.querySelector('form')!;
    const transfer = dataTransfer(text('dropped', 'dropped.txt'));
    box
      .element()
      .dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await expect.element(form).toHaveAttribute('data-dragging');
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    box.element().dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await expect.element(screen.getByText('dropped.txt')).toBeVisible();
    expect(form.hasAttribute('data-dragging')).toBe(false);
  });

  it('takes files dropped anywhere on its chat, not only on the message box', async () => {
    const onSend = vi.fn<(input: ChatInput) => void>();
    const screen = await render(
      <div data-slot="chat-stream">
        <p>The conversation</p>
        <AttachmentComposer onSend={onSend} />
      </div>,
    );
    const transcript = screen.getByText('The conversation').element();
    const form = screen.container.querySelector('form')!;
    const transfer = dataTransfer(text('notes', 'dropped-on-the-chat.txt'));
    transcript.dispatchEvent(
      new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }),
    );
    await expect.element(form).toHaveAttribute('data-dragging');
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    transcript.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await expect.element(screen.getByText('dropped-on-the-chat.txt')).toBeVisible();
    expect(form.hasAttribute('data-dragging')).toBe(false);
    const outside = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    document.body.dispatchEvent(outside);
    expect(outside.defaultPrevented).toBe(false);
  });

  it('scales a large image down to the 1568-pixel edge the API keeps', async () => {
    const { picker, onSend, screen } = await setup();
    await userEvent.upload(picker, [scenePngFile(3000, 1500, 'wide.png')]);
    await expect.element(screen.getByRole('listitem')).toHaveAttribute('data-state', 'ready');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const [[block]] = onSend.mock.calls[0] as unknown as [[{ source: { media_type: string; data: string } }]];
    expect(block.source.media_type).toBe('image/webp');
    const bitmap = await createImageBitmap(
      new Blob([Uint8Array.from(atob(block.source.data), (char) => char.charCodeAt(0))]),
    );
    expect([bitmap.width, bitmap.height]).toEqual([1568, 784]);
  });

  it('keeps a photo JPEG when it is scaled down, though its name and type say PNG', async () => {
    const canvas = new OffscreenCanvas(3000, 1500);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#4a7';
    context.fillRect(0, 0, 3000, 1500);
    const jpeg = await canvas.convertToBlob({ type: 'image/jpeg' });
    const { picker, onSend, screen } = await setup();
    await userEvent.upload(picker, [new File([jpeg], 'photo.png', { type: 'image/png' })]);
    await expect.element(screen.getByRole('listitem')).toHaveAttribute('data-state', 'ready');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const [[block]] = onSend.mock.calls[0] as unknown as [[{ source: { media_type: string } }]];
    expect(block.source.media_type).toBe('image/jpeg');
  });

  it('re-encodes an image the browser shows but the API does not read (a BMP) as WebP', async () => {
    const { picker, onSend, screen } = await setup();
    await userEvent.upload(picker, [bmp(3, 2)]);
    await expect.element(screen.getByRole('listitem')).toHaveAttribute('data-state', 'ready');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    const [[block]] = onSend.mock.calls[0] as unknown as [
      [{ type: string; source: { media_type: string; data: string } }],
    ];
    expect(block.type).toBe('image');
    expect(block.source.media_type).toBe('image/webp');
    const bitmap = await createImageBitmap(
      new Blob([Uint8Array.from(atob(block.source.data), (char) => char.charCodeAt(0))]),
    );
    expect([bitmap.width, bitmap.height]).toEqual([3, 2]);
  });

  it('waits for files still being read before sending', async () => {
    const { screen, picker } = await setup();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held = vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      // Read through a Response: the spied method would wait for itself.
      return released.then(() => new Response(this).arrayBuffer());
    });
    onTestFinished(() => held.mockRestore());
    await userEvent.upload(picker, [text('slow', 'slow.txt')]);
    await expect.element(screen.getByRole('listitem')).toHaveAttribute('data-state', 'reading');
    await expect.element(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    release();
    await expect.element(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });

  it('reads one file at a time, and never reads one removed before its turn', async () => {
    const { screen, picker } = await setup();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const reads: number[] = [];
    const held = vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      reads.push(this.size);
      return released.then(() => new Response(this).arrayBuffer());
    });
    onTestFinished(() => held.mockRestore());
    await userEvent.upload(picker, [
      text('one', 'one.txt'),
      text('two!', 'two.txt'),
      text('three', 'three.txt'),
    ]);
    await expect.element(screen.getByRole('listitem').nth(2)).toHaveAttribute('data-state', 'reading');
    await userEvent.click(screen.getByRole('button', { name: 'Remove two.txt' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toEqual([3]);
    release();
    await expect.element(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
    expect(
      screen
        .getByRole('listitem')
        .elements()
        .map((item) => item.textContent),
    ).toEqual(['one.txt', 'three.txt']);
    expect(reads).toEqual([3, 3, 5, 5]);
  });

  it('passes axe with ready and rejected files', async () => {
    const { screen, picker } = await setup();
    await userEvent.upload(picker, [scenePngFile(8, 8), new File([new Uint8Array([0, 1])], 'x.bin')]);
    await expect.element(screen.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(screen.container);
  });
});

describe('AttachmentList', () => {
  it("shows an image the page may not load as the image icon, not the browser's broken picture", async () => {
    const screen = await render(
      <AttachmentList
        attachments={[
          {
            id: 'a',
            name: 'photo.png',
            status: 'ready',
            // What a page whose Content-Security-Policy leaves out `img-src data:` sees: no image.
            block: {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'bm90IGFuIGltYWdl' },
            },
          },
        ]}
        onRemove={() => undefined}
      />,
    );
    await expect.poll(() => screen.container.querySelector('[data-slot="attachment-icon"]')).not.toBeNull();
    expect(screen.container.querySelector('[data-slot="attachment-thumbnail"]')).toBeNull();
  });
});
