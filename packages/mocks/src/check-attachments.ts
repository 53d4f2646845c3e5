import { base64Bytes } from './base64-bytes.ts';
import { readImageType } from './image-type.ts';

type Block = Record<string, unknown>;

const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/** The source types the API takes for each attachment block, in the order its errors list them. */
const SOURCE_TYPES: Readonly<Record<string, readonly string[]>> = {
  image: ['base64', 'file', 'url'],
  document: ['base64', 'content', 'file', 'text', 'url'],
};

/**
 * The first reason the Messages API would refuse the image or document blocks in one content
 * block: the block itself, or the blocks inside a `tool_result`'s `content`. `at` is the block's
 * path (`messages.0.content.1`); messages name the path the way the API's do, with the block and
 * source types in it (`messages.0.content.1.image.source.base64.media_type: Input should be …`).
 * A base64 image must be the format its `media_type` names when its bytes show one. Other blocks pass.
 *
 * @example
 * checkAttachments({ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'Qk0=' } }, 'messages.0.content.0');
 * // "messages.0.content.0.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'"
 */
export function checkAttachments(block: Block, at: string): string | undefined {
  if (block['type'] === 'image' || block['type'] === 'document') return checkSource(block, at);
  if (block['type'] !== 'tool_result' || !Array.isArray(block['content'])) return undefined;
  for (const [index, inner] of (block['content'] as unknown[]).entries()) {
    if (!isObject(inner)) continue;
    const problem = checkAttachments(inner, `${at}.tool_result.content.${index}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkSource(block: Block, at: string): string | undefined {
  const kind = String(block['type']);
  const where = `${at}.${kind}.source`;
  const source = block['source'];
  if (source === undefined) return `${where}: Field required`;
  if (!isObject(source)) return `${where}: Input should be a valid dictionary or object`;
  const tags = SOURCE_TYPES[kind] ?? [];
  if (typeof source['type'] !== 'string') {
    return `${where}: Unable to extract tag using discriminator 'type'`;
  }
  if (!tags.includes(source['type'])) {
    return `${where}: Input tag '${source['type']}' found using 'type' does not match any of the expected tags: ${tags.map(quote).join(', ')}`;
  }
  const path = `${where}.${source['type']}`;
  switch (source['type']) {
    case 'base64':
      return (
        oneOf(source, 'media_type', kind === 'image' ? IMAGE_MEDIA_TYPES : ['application/pdf'], path) ??
        nonEmptyString(source, 'data', path) ??
        (kind === 'image' ? matchingImage(source, path) : undefined)
      );
    case 'text':
      return oneOf(source, 'media_type', ['text/plain'], path) ?? string(source, 'data', path);
    case 'url':
      return nonEmptyString(source, 'url', path);
    case 'file':
      return nonEmptyString(source, 'file_id', path);
    case 'content':
      return typeof source['content'] === 'string' || Array.isArray(source['content'])
        ? undefined
        : `${path}.content: Input should be a valid string or a list of content blocks`;
    default:
      return undefined;
  }
}

/**
 * The API refuses an image whose bytes are another format than its `media_type` says (a JPEG saved
 * as `.png` is common), and then every later turn that resends it. Bytes of no known format (the
 * placeholders tests send) pass: only the API decodes them.
 */
function matchingImage(source: Block, path: string): string | undefined {
  const declared = source['media_type'] as string;
  const actual = readImageType(base64Bytes(source['data'] as string));
  if (actual === undefined || actual === declared) return undefined;
  return `${path}: The image was specified using the ${declared} media type, but the image appears to be a ${actual} image`;
}

function oneOf(source: Block, key: string, allowed: readonly string[], path: string): string | undefined {
  if (allowed.includes(source[key] as string)) return undefined;
  if (source[key] === undefined) return `${path}.${key}: Field required`;
  const listed = allowed.map(quote);
  const choices = listed.length > 1 ? `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}` : listed[0];
  return `${path}.${key}: Input should be ${choices}`;
}

function string(source: Block, key: string, path: string): string | undefined {
  if (source[key] === undefined) return `${path}.${key}: Field required`;
  return typeof source[key] === 'string' ? undefined : `${path}.${key}: Input should be a valid string`;
}

function nonEmptyString(source: Block, key: string, path: string): string | undefined {
  return (
    string(source, key, path) ??
    (source[key] === '' ? `${path}.${key}: String should have at least 1 character` : undefined)
  );
}

function quote(value: string): string {
  return `'${value}'`;
}

function isObject(value: unknown): value is Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
