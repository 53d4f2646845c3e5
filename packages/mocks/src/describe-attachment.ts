import { base64Bytes } from './base64-bytes.ts';
import { readImageSize } from './image-size.ts';

type Block = Record<string, unknown>;

const IMAGE_FORMATS: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
};

/**
 * Says what an image or document block holds, as the attachments answer lists it: the format, the
 * pixel size of an inline image (read from its header), the size of inline bytes, a document's
 * title, a text's length in characters, and where a URL or Files API source points. Reads nothing
 * but headers, so a megabytes-long base64 string costs no more than a short one.
 *
 * @example
 * describeAttachment({ type: 'image', source: { type: 'base64', media_type: 'image/png', data } });
 * // 'a PNG image, 640 × 480 px (12 KB)'
 * describeAttachment({ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Hi' }, title: 'notes.md' });
 * // 'a text document "notes.md" (2 characters)'
 */
export function describeAttachment(block: Block): string {
  const source = (typeof block['source'] === 'object' ? block['source'] : null) as Block | null;
  const title = typeof block['title'] === 'string' && block['title'] !== '' ? ` "${block['title']}"` : '';
  const data = typeof source?.['data'] === 'string' ? source['data'] : '';
  if (block['type'] === 'image') {
    if (source?.['type'] === 'base64') {
      const format = IMAGE_FORMATS[String(source['media_type'])] ?? String(source['media_type']);
      const size = readImageSize(data);
      const pixels = size ? `, ${size.width} × ${size.height} px` : '';
      return `a ${format} image${pixels} (${formatBytes(base64Bytes(data).length)})`;
    }
    return `an image${pointer(source)}`;
  }
  switch (source?.['type']) {
    case 'base64':
      return `a PDF document${title} (${formatBytes(base64Bytes(data).length)})`;
    case 'text':
      return `a text document${title} (${formatCount(countCharacters(data), 'character')})`;
    case 'content': {
      const content = source['content'];
      return typeof content === 'string'
        ? `a document${title} (${formatCount(countCharacters(content), 'character')})`
        : `a document${title} (${formatCount(Array.isArray(content) ? content.length : 0, 'content block')})`;
    }
    default:
      return `a document${title}${pointer(source)}`;
  }
}

/** Where a url or file source points. */
function pointer(source: Block | null): string {
  if (source?.['type'] === 'url') return ` at ${String(source['url'])}`;
  if (source?.['type'] === 'file') return ` from the Files API (${String(source['file_id'])})`;
  return '';
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return formatCount(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function formatCount(count: number, unit: string): string {
  return `${count.toLocaleString('en-US')} ${unit}${count === 1 ? '' : 's'}`;
}

/** Code points, so an emoji counts once. */
function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
