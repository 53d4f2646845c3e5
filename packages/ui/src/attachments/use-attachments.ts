import { AttachmentError, type DocumentBlock, fileToContentBlock, type ImageBlock } from '@chatstream/reader';
import { useCallback, useRef, useState } from 'react';
import { useLabels } from '@chatstream/ui';
import { fitImage } from './fit-image.ts';
import { wordAttachmentError } from './word-attachment-error.ts';

/** A file on its way into the next message. */
export interface Attachment {
  id: string;
  /** The file's name. */
  name: string;
  /** `reading` while it is scaled and encoded, then `ready` (with `block`) or `error` (with `error`). */
  status: 'reading' | 'ready' | 'error';
  block?: ImageBlock | DocumentBlock | undefined;
  error?: AttachmentError | undefined;
}

/** Options of {@link useAttachments}. */
export interface AttachmentOptions {
  /** The largest file accepted, in bytes (default: the API's limits, see `fileToContentBlock`). */
  maxBytes?: number | undefined;
  /** How many files one message may hold (default 20: above that the API takes smaller images). */
  maxFiles?: number | undefined;
  /** Lets answers cite attached documents. */
  citations?: boolean | undefined;
}

/** What {@link useAttachments} returns. */
export interface AttachmentsState {
  attachments: readonly Attachment[];
  /** Reads files in (images scaled to what the API keeps); each shows as `reading` at once. */
  add: (files: Iterable<File>) => void;
  remove: (id: string) => void;
  /** The ready blocks, in the order the files were added, and empties the list (errors included). */
  take: () => (ImageBlock | DocumentBlock)[];
}

let nextId = 0;

/**
 * The files attached to the message being written: each is scaled (images), checked and encoded
 * into an API content block as it is added, and a file that cannot be sent stays in the list with
 * its {@link AttachmentError} until it is removed or the message is sent. Its errors' messages are
 * in the app's labels, English without them: too many files, an image that does not decode, and
 * the reader's refusals (empty, not a type the API reads, too large, unreadable), worded from the
 * error's `reason` and details. Another error (a wrong `maxBytes`) keeps its own message.
 *
 * @example
 * const { attachments, add, remove, take } = useAttachments({ maxFiles: 5 });
 */
export function useAttachments({
  maxBytes,
  maxFiles = 20,
  citations,
}: AttachmentOptions = {}): AttachmentsState {
  const t = useLabels();
  const [attachments, setAttachments] = useState<readonly Attachment[]>([]);
  // The latest list for `add` and `take`, which must not wait for a render to see it.
  const current = useRef(attachments);
  const queue = useRef(Promise.resolve());
  const update = useCallback((change: (list: readonly Attachment[]) => readonly Attachment[]) => {
    current.current = change(current.current);
    setAttachments(current.current);
  }, []);

  const add = useCallback(
    (files: Iterable<File>) => {
      let count = current.current.filter((attachment) => attachment.status !== 'error').length;
      const added: Attachment[] = [];
      const left: File[] = [];
      for (const file of files) {
        const id = `attachment-${(nextId += 1)}`;
        if (count >= maxFiles) {
          left.push(file);
          continue;
        }
        count += 1;
        added.push({ id, name: file.name, status: 'reading' });
        // One file at a time: a decoded 12-megapixel photo takes 48 MB, and twenty at once would
        // take a phone's tab down. A file removed before its turn is not read at all.
        queue.current = queue.current.then(async () => {
          if (!current.current.some((attachment) => attachment.id === id)) return;
          const result = await fitImage(file, t)
            .then((fitted) =>
              // Only the reader's errors: fitImage's own is in the labels already, and shares its reason.
              fileToContentBlock(fitted, { maxBytes, citations, title: file.name }).catch(
                (error: unknown) => {
                  throw wordAttachmentError(error, t);
                },
              ),
            )
            .then(
              (block): Partial<Attachment> => ({ status: 'ready', block }),
              (error: unknown): Partial<Attachment> => ({ status: 'error', error: error as AttachmentError }),
            );
          update((list) =>
            list.map((attachment) => (attachment.id === id ? { ...attachment, ...result } : attachment)),
          );
        });
      }
      const [first] = left;
      if (first) {
        // One notice for all the files left out, not one per file: fifty dropped at once stay readable.
        const more = left.length - 1;
        const name = more ? t('{0} and {1} more', first.name, more) : first.name;
        const error = new AttachmentError(
          more
            ? t(
                '{0} and {1} more were not added: a message holds at most {2} files.',
                first.name,
                more,
                maxFiles,
              )
            : t('{0} was not added: a message holds at most {1} files.', first.name, maxFiles),
          {
            reason: 'too-many',
            fileName: first.name,
            mediaType: first.type,
            size: first.size,
            limit: maxFiles,
          },
        );
        added.push({ id: `attachment-${(nextId += 1)}`, name, status: 'error', error });
      }
      if (added.length) update((list) => [...list, ...added]);
    },
    [maxBytes, maxFiles, citations, update, t],
  );

  const remove = useCallback(
    (id: string) => update((list) => list.filter((item) => item.id !== id)),
    [update],
  );

  const take = useCallback(() => {
    const blocks = current.current.flatMap((attachment) => (attachment.block ? [attachment.block] : []));
    update(() => []);
    return blocks;
  }, [update]);

  return { attachments, add, remove, take };
}
