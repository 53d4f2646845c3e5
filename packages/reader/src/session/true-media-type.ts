import type { ImageBlock, ImageMediaType } from '../attachments/attachment-blocks.ts';
import type { ContentBlock } from '../types.ts';

/**
 * The base64 of each format's signature: the first bytes are the first characters, so nothing is
 * decoded. (A WebP also has `RUJQ`, the base64 of "EBP", at character 12.) Not `sniffMediaType` on
 * decoded bytes: that put about 0.15 kB more into every session bundle (size-limit), for the same answer.
 */
const SIGNATURES: readonly [ImageMediaType, string][] = [
  ['image/png', 'iVBORw0KGg'],
  ['image/jpeg', '/9j/'],
  ['image/gif', 'R0lGOD'],
  ['image/webp', 'UklGR'],
];

function formatOf(data: string): ImageMediaType | undefined {
  const found = SIGNATURES.find(([, prefix]) => data.startsWith(prefix))?.[0];
  return found !== 'image/webp' || data.startsWith('RUJQ', 12) ? found : undefined;
}

/**
 * `block` with each base64 image (itself, or inside a `tool_result`) labelled with the format its
 * bytes have. The API refuses an image whose bytes are another format than its `media_type` says,
 * and then every later turn, which resends it: one screenshot a tool calls PNG but took as JPEG
 * would end the conversation. Bytes of no format the API reads are left to it.
 */
export function withTrueMediaType(block: ContentBlock): ContentBlock {
  const { content } = block;
  if (block.type === 'tool_result' && Array.isArray(content)) {
    return { ...block, content: content.map(withTrueMediaType) };
  }
  const { source } = block as ImageBlock;
  if (block.type !== 'image' || source?.type !== 'base64' || typeof source.data !== 'string') return block;
  const actual = formatOf(source.data);
  return actual === undefined || actual === source.media_type
    ? block
    : { ...block, source: { ...source, media_type: actual } };
}
