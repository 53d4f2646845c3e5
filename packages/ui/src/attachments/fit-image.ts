import { AttachmentError, IMAGE_MAX_BYTES } from '@chatstream/reader';
import type { LabelKey, Translate } from '@chatstream/ui';

/** Longest edge the API keeps: it scales larger images down to this before the model sees them. */
export const IMAGE_MAX_EDGE = 1568;

/** The formats the API reads (and every browser decodes). */
const API_FORMATS = /^image\/(jpeg|png|gif|webp)$/;

const NOT_READABLE: LabelKey = '{0} is not a readable image (it may be damaged).';

/**
 * `file` made into an image the API takes at the size it keeps: scaled down to at most
 * {@link IMAGE_MAX_EDGE} pixels on its longest edge (the API would scale it anyway), so a
 * 12-megapixel phone photo goes up as a few hundred kilobytes instead of failing the API's 5 MiB
 * limit; and an image the browser shows but the API does not read (AVIF, BMP, HEIC in Safari…)
 * re-encoded. A JPEG (by its bytes, whatever its name says) stays JPEG; anything else becomes WebP,
 * which keeps transparency. Returned
 * unchanged when it already fits, when it is a GIF (scaling would drop its animation) or not an
 * image, or when the browser cannot decode or encode it (then `fileToContentBlock` judges the
 * original), except that a JPEG, PNG, GIF or WebP that does not decode rejects with an
 * {@link AttachmentError}: it is damaged, and the API would refuse it in every later turn too. Its
 * message is in the words of `t` (e.g. `useLabels()`), English without it.
 *
 * @example
 * const block = await fileToContentBlock(await fitImage(file));
 */
export async function fitImage(file: File, t?: Translate): Promise<File> {
  const { type } = file;
  if (!type.startsWith('image/') || typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (cause) {
    if (!API_FORMATS.test(type)) return file;
    // A function, so `$&` in a file's name stays as it is.
    const message = t ? t(NOT_READABLE, file.name) : NOT_READABLE.replace('{0}', () => file.name);
    throw new AttachmentError(message, {
      reason: 'unsupported',
      fileName: file.name,
      mediaType: type,
      size: file.size,
      cause,
    });
  }
  try {
    const { width, height } = bitmap;
    const scale = Math.min(1, IMAGE_MAX_EDGE / Math.max(width, height));
    const readable = API_FORMATS.test(type);
    if (type === 'image/gif' || typeof OffscreenCanvas === 'undefined') return file;
    if (readable && scale === 1 && file.size <= IMAGE_MAX_BYTES) return file;
    const canvas = new OffscreenCanvas(
      Math.max(1, Math.round(width * scale)),
      Math.max(1, Math.round(height * scale)),
    );
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({
      // By its bytes, as the API reads them: a photo named ".png" is a JPEG still, and a
      // screenshot named ".jpg" a PNG, whose transparency WebP keeps.
      type: (await startsAsJPEG(file)) ? 'image/jpeg' : 'image/webp',
      quality: 0.85,
    });
    // Scaling down at the same size never helps; a format the API cannot read must change anyway.
    return !readable || scale < 1 || blob.size < file.size
      ? new File([blob], file.name, { type: blob.type })
      : file;
  } catch {
    return file;
  } finally {
    bitmap.close();
  }
}

/** Whether `file` begins as a JPEG does (`FF D8 FF`), whatever its name or type say. */
async function startsAsJPEG(file: Blob): Promise<boolean> {
  const [a, b, c] = new Uint8Array(await file.slice(0, 3).arrayBuffer());
  return a === 0xff && b === 0xd8 && c === 0xff;
}
