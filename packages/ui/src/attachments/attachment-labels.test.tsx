import {
  type ChatInput,
  type ChatMessage,
  type ContentBlock,
  fileToContentBlock,
  IMAGE_MAX_BYTES,
} from '@chatstream/reader';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render, renderHook } from 'vitest-browser-react';
import { type Labels, LabelsProvider } from '@chatstream/ui';
import { scenePng } from '../stories/scene-png.ts';
import { expectNoAxeViolations } from '../test/axe.ts';
import { installStyles } from '../test/styles.ts';
import { AttachmentComposer } from './attachment-composer.tsx';
import { DocumentBlock, type DocumentBlockProps } from './document-block.tsx';
import { ImageBlock, type ImageBlockProps } from './image-block.tsx';
import { useAttachments } from './use-attachments.ts';
import { marked, unlabelled } from '../test/unlabelled.ts';

installStyles();

/** A number as French writes it: "1 204", "4,2". */
const fr = (value: string | number): string =>
  Number(value).toLocaleString('fr', { maximumFractionDigits: 1 });

// 'Document' and 'Image' are left out: they stay English (the same word in French).
const french: Labels = {
  'Attach files': 'Joindre des fichiers',
  '1 file attached': '1 fichier joint',
  '{0} files attached': (count) => `${count} fichiers joints`,
  Attachments: 'Pièces jointes',
  'Remove {0}': 'Retirer {0}',
  '{0} and {1} more': (name, more) => `${name} et ${more} ${more === 1 ? 'autre' : 'autres'}`,
  '{0} was not added: a message holds at most {1} files.':
    '{0} n’a pas été ajouté : un message contient au plus {1} fichiers.',
  '{0} and {1} more were not added: a message holds at most {2} files.': (name, more, limit) =>
    `${name} et ${more} ${more === 1 ? 'autre n’ont' : 'autres n’ont'} pas été ajoutés : un message contient au plus ${limit} fichiers.`,
  '{0} is not a readable image (it may be damaged).':
    '{0} n’est pas une image lisible (elle est peut-être endommagée).',
  'PDF document': 'Document PDF',
  PDF: 'Fichier PDF',
  'PDF · {0}': 'PDF · {0}',
  // The number as English writes it, then the number itself: French writes it its own way.
  '{0} bytes': (_shown, bytes) => `${fr(bytes)} ${Number(bytes) < 2 ? 'octet' : 'octets'}`,
  '{0} KB': (_shown, kilobytes) => `${fr(kilobytes)} Ko`,
  '{0} MB': (_shown, megabytes) => `${fr(megabytes)} Mo`,
  'Text document': 'Document texte',
  'Text · 1 character': 'Texte · 1 caractère',
  'Text · {0} characters': (_shown, characters) => `Texte · ${fr(characters)} caractères`,
  Link: 'Lien',
  'Link · {0}': 'Lien · {0}',
  'Link not shown': 'Lien non affiché',
  'Uploaded file': 'Fichier téléversé',
  '{0} image': 'Image {0}',
  'Image from {0}': 'Image de {0}',
  'No image data': 'Aucune donnée d’image',
  'Cannot be shown': 'Impossible à afficher',
  'Could not be shown': 'N’a pas pu être affichée',
  'The file': 'Le fichier',
  '{0} is empty.': '{0} est vide.',
  '{0} is not an image (JPEG, PNG, GIF, WebP), a PDF or text.':
    '{0} n’est ni une image (JPEG, PNG, GIF, WebP), ni un PDF, ni du texte.',
  '{0} is not an image (JPEG, PNG, GIF, WebP), a PDF or text (it is {1}).':
    '{0} n’est ni une image (JPEG, PNG, GIF, WebP), ni un PDF, ni du texte (c’est {1}).',
  '{0} is {1}; the limit is {2}.': '{0} fait {1} ; la limite est de {2}.',
  '{0} KiB': (_shown, kibibytes) => `${fr(kibibytes)} Kio`,
  // Two decimals, as the limit of an image is written: 3.75 MiB.
  '{0} MiB': (_shown, mebibytes) =>
    `${Number(mebibytes).toLocaleString('fr', { maximumFractionDigits: 2 })} Mio`,
  '{0} could not be read (is it a folder, or was it moved or deleted?).':
    '{0} n’a pas pu être lu (est-ce un dossier, ou a-t-il été déplacé ou supprimé ?).',
};

const inFrench = (children: ReactNode) => <LabelsProvider labels={french}>{children}</LabelsProvider>;

const message = (block: unknown): ChatMessage => ({
  id: 'u',
  role: 'user',
  content: [block as ContentBlock],
});

function documentBlock(block: unknown, key?: number): ReactNode {
  const props: DocumentBlockProps = {
    block: block as DocumentBlockProps['block'],
    index: 0,
    message: message(block),
    progress: undefined,
  };
  return <DocumentBlock key={key} {...props} />;
}

function imageBlock(block: unknown, key?: number): ReactNode {
  const props: ImageBlockProps = {
    block: block as ImageBlockProps['block'],
    index: 0,
    message: message(block),
    progress: undefined,
  };
  return <ImageBlock key={key} {...props} />;
}

const text = (content: string, name: string) => new File([content], name, { type: 'text/plain' });
const pdf = (bytes: number) => ({
  type: 'document',
  source: { type: 'base64', media_type: 'application/pdf', data: btoa('\0'.repeat(bytes)) },
});
const textDocument = (data: string, title?: string) => ({
  type: 'document',
  source: { type: 'text', media_type: 'text/plain', data },
  ...(title ? { title } : {}),
});
const details = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-slot="document-block-details"]')].map((node) => node.textContent);
const titles = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-slot="document-block-title"]')].map((node) => node.textContent);

/** One document of each kind, the same in both languages. */
const DOCUMENTS = [
  pdf(210 * 1024),
  pdf(Math.round(4.2 * 1024 * 1024)),
  pdf(812),
  { type: 'document', source: { type: 'base64', media_type: 'application/pdf' } },
  textDocument('a'),
  textDocument('x'.repeat(1204), 'notes.md'),
  { type: 'document', source: { type: 'url', url: 'https://www.example.com/paper.pdf' } },
  { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' }, title: 'Paper' },
  { type: 'document', source: { type: 'url', url: 'javascript:alert(1)' } },
  { type: 'document', source: { type: 'file', file_id: 'file_1' } },
  { type: 'document', source: { type: 'mystery' } },
];

/** One image of each kind; the one from a URL does not load. */
const images = () => [
  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: scenePng(8, 4) } },
  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: '' } },
  { type: 'image', source: { type: 'base64', media_type: 'image/x-icon', data: '' } },
  { type: 'image', source: { type: 'url', url: `${location.origin}/no-such-image-${Date.now()}.png` } },
  { type: 'image', source: { type: 'url', url: 'javascript:alert(1)' } },
  { type: 'image', source: { type: 'file', file_id: 'file_1' } },
  { type: 'image', source: { type: 'mystery' } },
];

/** A PNG whose data does not decode. */
const broken = () =>
  new File(
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6])],
    'broken.png',
    {
      type: 'image/png',
    },
  );

/** A file whose bytes can no longer be read, as one moved or deleted since it was picked. */
function unreadable(name: string): File {
  const gone = new File(['x'], name);
  const failing = new Blob();
  failing.arrayBuffer = () => Promise.reject(new DOMException('Gone', 'NotReadableError'));
  gone.slice = () => failing;
  return gone;
}

/** A file `fileToContentBlock` refuses for each reason, with the `maxBytes` it is read with. */
const refusedFiles = (): [file: File, maxBytes?: number][] => [
  [new File([], 'empty.txt', { type: 'text/plain' })],
  [text(' \n\t\n', 'blank.md')],
  [new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])], 'archive.zip', { type: 'application/zip' })],
  [new File([new Uint8Array([0, 1, 2])], 'data.bin')],
  [text('a short text', 'a.txt'), 4],
  [text('x'.repeat(3000), 'notes.txt'), 1500],
  // Rounded up to 1024 KiB: written as the reader writes it, without a thousands separator.
  [new File([new Uint8Array(1_048_575)], 'almost.bin'), 1_048_000],
  [new File([new Uint8Array(4 * 1024 * 1024)], 'huge.bin'), IMAGE_MAX_BYTES],
  [unreadable('moved.txt')],
  // A Blob has no name: the reader calls it "The file".
  [new Blob([]) as File],
];

/** What `useAttachments` says of each file (read with its `maxBytes`) under `labels`. */
async function refusals(
  cases: readonly [file: File, maxBytes?: number][],
  labels?: Labels,
): Promise<(string | undefined)[]> {
  const messages: (string | undefined)[] = [];
  for (const [file, maxBytes] of cases) {
    const { result, act } = await renderHook(() => useAttachments({ maxBytes }), {
      wrapper: ({ children }) => <LabelsProvider labels={labels}>{children}</LabelsProvider>,
    });
    await act(() => result.current.add([file]));
    await expect.poll(() => result.current.attachments[0]?.status).toBe('error');
    messages.push(result.current.attachments[0]?.error?.message);
  }
  return messages;
}

describe('Attachments in the app’s language', () => {
  it('names the composer’s buttons, list and count in the labels, the plural by a function', async () => {
    const onSend = vi.fn<(input: ChatInput) => void>();
    const screen = await render(inFrench(<AttachmentComposer onSend={onSend} />));
    const attach = screen.getByRole('button', { name: 'Joindre des fichiers' });
    await expect.element(attach).toHaveTextContent('Joindre des fichiers');
    const picker = screen.container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(picker, [text('a', 'a.txt')]);
    await expect.element(screen.getByRole('status')).toHaveTextContent('1 fichier joint');
    await userEvent.upload(picker, [text('b', 'b.txt'), text('c', 'c.txt')]);
    await expect.element(screen.getByRole('status')).toHaveTextContent('3 fichiers joints');
    await expect.element(screen.getByRole('list', { name: 'Pièces jointes' })).toBeVisible();
    await screen.getByRole('button', { name: 'Retirer b.txt' }).click();
    await expect.element(screen.getByRole('status')).toHaveTextContent('2 fichiers joints');
    await expectNoAxeViolations(screen.container);
  });

  it('says in the labels which files were left out, and why an image was refused', async () => {
    const onSend = vi.fn<(input: ChatInput) => void>();
    const screen = await render(inFrench(<AttachmentComposer onSend={onSend} maxFiles={1} />));
    const picker = screen.container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(picker, [text('1', 'one.txt'), text('2', 'two.txt')]);
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('two.txt n’a pas été ajouté : un message contient au plus 1 fichiers.');
    await screen.getByRole('button', { name: 'Retirer two.txt' }).click();
    // The function gets the count as a number: 1 is singular.
    await userEvent.upload(picker, [text('2', 'two.txt'), text('3', 'three.txt')]);
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent(
        'two.txt et 1 autre n’ont pas été ajoutés : un message contient au plus 1 fichiers.',
      );
    await screen.getByRole('button', { name: 'Retirer two.txt et 1 autre' }).click();
    await screen.getByRole('button', { name: 'Retirer one.txt' }).click();

    await userEvent.upload(picker, [broken()]);
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('broken.png n’est pas une image lisible (elle est peut-être endommagée).');
  });

  it('says in the labels why the reader refused a file, with its sizes written the app’s way', async () => {
    expect(await refusals(refusedFiles(), french)).toEqual([
      'empty.txt est vide.',
      'blank.md est vide.',
      'archive.zip n’est ni une image (JPEG, PNG, GIF, WebP), ni un PDF, ni du texte (c’est application/zip).',
      'data.bin n’est ni une image (JPEG, PNG, GIF, WebP), ni un PDF, ni du texte.',
      'a.txt fait 12 octets ; la limite est de 4 octets.',
      'notes.txt fait 3 Kio ; la limite est de 1 Kio.',
      'almost.bin fait 1\u202f024 Kio ; la limite est de 1\u202f023 Kio.',
      'huge.bin fait 4 Mio ; la limite est de 3,75 Mio.',
      'moved.txt n’a pas pu être lu (est-ce un dossier, ou a-t-il été déplacé ou supprimé ?).',
      'Le fichier est vide.',
    ]);
  });

  it('keeps the reader’s own words for a refused file without labels', async () => {
    const reader = await Promise.all(
      refusedFiles().map(([file, maxBytes]) =>
        fileToContentBlock(file, { maxBytes }).then(
          () => 'accepted',
          (error: unknown) => (error as Error).message,
        ),
      ),
    );
    expect(reader).toContain('huge.bin is 4 MiB; the limit is 3.75 MiB.');
    expect(reader).toContain('almost.bin is 1024 KiB; the limit is 1023 KiB.');
    expect(reader).toContain('The file is empty.');
    expect(await refusals(refusedFiles())).toEqual(reader);
  });

  it('shows the refusals in the list, and any other error as its message', async () => {
    const onSend = vi.fn<(input: ChatInput) => void>();
    const screen = await render(inFrench(<AttachmentComposer onSend={onSend} maxBytes={8} />));
    const picker = screen.container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(picker, [new File([], 'empty.txt'), text('a short text', 'a.txt')]);
    const alerts = () =>
      screen
        .getByRole('alert')
        .elements()
        .map((alert) => alert.textContent);
    await expect
      .poll(alerts)
      .toEqual(['empty.txt est vide.', 'a.txt fait 12 octets ; la limite est de 8 octets.']);
    await screen.unmount();
    // A wrong `maxBytes` is the app's mistake, not the user's: its message is shown as it is.
    const wrong = await render(inFrench(<AttachmentComposer onSend={onSend} maxBytes={-1} />));
    const wrongPicker = wrong.container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(wrongPicker, [text('a', 'a.txt')]);
    await expect
      .element(wrong.getByRole('alert'))
      .toHaveTextContent('maxBytes must be a whole number ≥ 0, got -1');
  });

  it('describes documents in the labels, with sizes and counts written the app’s way', async () => {
    const screen = await render(inFrench(<div>{DOCUMENTS.map(documentBlock)}</div>));
    expect(titles(screen.container)).toEqual([
      'Document PDF',
      'Document PDF',
      'Document PDF',
      'Document PDF',
      'Document texte',
      'notes.md',
      'example.com',
      'Paper',
      'Document',
      'Document',
      'Document',
    ]);
    expect(details(screen.container)).toEqual([
      'PDF · 210 Ko',
      'PDF · 4,2 Mo',
      'PDF · 812 octets',
      'Fichier PDF',
      'Texte · 1 caractère',
      'Texte · 1\u202f204 caractères',
      'Lien',
      'Lien · example.com',
      'Lien non affiché',
      'Fichier téléversé',
      'Document',
    ]);
  });

  it('names images and says why one is not shown, in the labels', async () => {
    const screen = await render(inFrench(<div>{images().map(imageBlock)}</div>));
    await expect.element(screen.getByRole('img', { name: 'Image PNG' })).toBeVisible();
    const notes = () =>
      [...screen.container.querySelectorAll('[data-slot="image-block-placeholder"]')].map(
        (box) => box.textContent,
      );
    // The image from the URL does not load: it becomes the box, with its own note.
    await expect.poll(notes).toHaveLength(6);
    expect(notes()).toEqual([
      'Image PNGAucune donnée d’image',
      'ImageAucune donnée d’image',
      `Image de ${location.hostname}N’a pas pu être affichée`,
      'ImageLien non affiché',
      'ImageFichier téléversé',
      'ImageImpossible à afficher',
    ]);
  });

  it('keeps English without labels', async () => {
    const onSend = vi.fn<(input: ChatInput) => void>();
    const screen = await render(
      <div>
        <AttachmentComposer onSend={onSend} maxFiles={1} />
        {DOCUMENTS.map(documentBlock)}
        {imageBlock({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: '' } })}
        {imageBlock({ type: 'image', source: { type: 'file', file_id: 'file_1' } })}
      </div>,
    );
    await expect.element(screen.getByRole('button', { name: 'Attach files' })).toBeVisible();
    const picker = screen.container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(picker, [text('1', 'one.txt'), text('2', 'two.txt'), text('3', 'three.txt')]);
    await expect.element(screen.getByRole('status')).toHaveTextContent('1 file attached');
    await expect
      .element(screen.getByRole('alert'))
      .toHaveTextContent('two.txt and 1 more were not added: a message holds at most 1 files.');
    await expect.element(screen.getByRole('list', { name: 'Attachments' })).toBeVisible();
    await expect.element(screen.getByRole('button', { name: 'Remove two.txt and 1 more' })).toBeVisible();
    expect(details(screen.container)).toEqual([
      'PDF · 210 KB',
      'PDF · 4.2 MB',
      'PDF · 812 bytes',
      'PDF',
      'Text · 1 character',
      'Text · 1,204 characters',
      'Link',
      'Link · example.com',
      'Link not shown',
      'Uploaded file',
      'Document',
    ]);
    expect(titles(screen.container).slice(0, 5)).toEqual([
      'PDF document',
      'PDF document',
      'PDF document',
      'PDF document',
      'Text document',
    ]);
    expect(
      [...screen.container.querySelectorAll('[data-slot="image-block-placeholder"]')].map(
        (box) => box.textContent,
      ),
    ).toEqual(['PNG imageNo image data', 'ImageUploaded file']);
  });

  it('shows and says nothing in English once every label is given', async () => {
    const parts = (
      <>
        <AttachmentComposer onSend={vi.fn<(input: ChatInput) => void>()} maxFiles={2} />
        {/* For the files the reader refuses: empty, too large, not a type the API reads. */}
        <AttachmentComposer onSend={vi.fn<(input: ChatInput) => void>()} maxBytes={8} />
        {DOCUMENTS.map(documentBlock)}
        {images().map(imageBlock)}
      </>
    );
    const screen = await render(<LabelsProvider labels={marked}>{parts}</LabelsProvider>);
    const [picker, refusing] = screen.container.querySelectorAll<HTMLInputElement>('input[type="file"]');
    if (!picker || !refusing) throw new Error('Two file pickers expected');
    // Ready, refused as damaged, and two left out; then one more taken, and one left out alone.
    await userEvent.upload(picker, [text('a', 'a.txt'), broken(), text('c', 'c.txt'), text('d', 'd.txt')]);
    await expect.poll(() => screen.getByRole('alert').elements()).toHaveLength(2);
    await userEvent.upload(picker, [text('e', 'e.txt')]);
    await userEvent.upload(picker, [text('f', 'f.txt')]);
    await expect.poll(() => screen.getByRole('alert').elements()).toHaveLength(3);
    await userEvent.upload(refusing, [
      new File([], 'empty.txt'),
      text('a short text', 'long.txt'),
      new File([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])], 'archive.zip', { type: 'application/zip' }),
    ]);
    await expect.poll(() => screen.getByRole('alert').elements()).toHaveLength(6);
    await expect.element(screen.getByRole('status').first()).toHaveTextContent('⟪2 files attached⟫');
    await expect
      .poll(() => screen.container.querySelectorAll('[data-slot="image-block"][data-state="error"]').length)
      .toBe(1);
    const names = ['a.txt', 'broken.png', 'c.txt', 'e.txt', 'f.txt', 'empty.txt', 'long.txt', 'archive.zip'];
    const content = [...names, 'notes.md', 'Paper', 'example.com'];
    expect(unlabelled(screen.container, [...content, location.hostname])).toEqual([]);
    // …while without labels the same parts do speak English: the check above does find words.
    const english = await render(parts);
    expect(unlabelled(english.container, content).length).toBeGreaterThan(10);
  });
});
