import type { AttachmentError } from '@chatstream/reader';
import type { LabelKey, Translate } from '@chatstream/ui';

const MiB = 1_048_576;

/**
 * Bytes in the words of `t`, in the units and rounding of `fileToContentBlock` ("812 bytes",
 * "210 KiB", "3.75 MiB"), so that English stays the reader's message to the byte. As for a
 * document's size, the number as English writes it fills `{0}` and the number itself follows, for
 * an app's function to write it its own way.
 */
function bytesIn(t: Translate, bytes: number): string {
  const [key, value]: [LabelKey, number] =
    bytes < 1024
      ? ['{0} bytes', bytes]
      : bytes < MiB
        ? ['{0} KiB', Math.round(bytes / 1024)]
        : ['{0} MiB', Number((bytes / MiB).toFixed(2))];
  // `String`, not the en-locale count of a document's size: the reader writes "1024 KiB", no comma.
  return t(key, String(value), value);
}

/**
 * A rejection of `fileToContentBlock` with its message in the words of `t`: an {@link AttachmentError}
 * is worded again from its `reason`, `fileName`, `mediaType`, `size` and `limit` (the same English
 * as the reader's without labels); any other error is returned as it is, to be shown by its message.
 * Only for the reader's errors: one of `fitImage` or a `too-many` notice is worded already.
 *
 * @example
 * const block = await fileToContentBlock(file).catch((error: unknown) => {
 *   throw wordAttachmentError(error, t);
 * });
 */
export function wordAttachmentError(error: unknown, t: Translate): unknown {
  const refused = error as AttachmentError | null | undefined;
  // `kind`, not `instanceof`: a second copy of the reader in an app's bundle has its own class.
  if (refused?.kind !== 'attachment') return error;
  const { reason, mediaType, size, limit = 0 } = refused;
  // `??` as in the reader: a file named '' keeps its (empty) name.
  const name = refused.fileName ?? t('The file');
  const message =
    reason === 'empty'
      ? t('{0} is empty.', name)
      : reason === 'unsupported'
        ? mediaType
          ? t('{0} is not an image (JPEG, PNG, GIF, WebP), a PDF or text (it is {1}).', name, mediaType)
          : t('{0} is not an image (JPEG, PNG, GIF, WebP), a PDF or text.', name)
        : reason === 'too-large'
          ? t('{0} is {1}; the limit is {2}.', name, bytesIn(t, size), bytesIn(t, limit))
          : reason === 'unreadable'
            ? t('{0} could not be read (is it a folder, or was it moved or deleted?).', name)
            : undefined;
  // The error was made for this one call and nobody else holds it: reworded in place, it keeps its
  // class, details, cause and stack.
  if (message !== undefined) refused.message = message;
  return error;
}
