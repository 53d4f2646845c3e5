import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ImageBlock as ImageContentBlock } from '@chatstream/reader';
import { domainOf, httpUrl } from '../blocks/format-value.ts';
import { rootProps, type BlockPartProps } from '../blocks/part-props.ts';
import { ATTACHMENT_ICONS } from './attachment-icons.ts';
import { Icon, type Translate, useLabels } from '@chatstream/ui';

/** Props of {@link ImageBlock}. */
export type ImageBlockProps = BlockPartProps<ImageContentBlock>;

/** What the block shows: an image to load, or a note saying why there is none. */
interface ImageView {
  kind: 'base64' | 'url' | 'file' | 'unknown';
  src?: string | undefined;
  label: string;
  note: string;
}

const FORMATS: Record<string, string> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
};

const MEDIA_TYPE = /^image\/[\w.+-]+$/;

function viewOf(block: unknown, t: Translate): ImageView {
  const source = (block as { source?: unknown } | null | undefined)?.source;
  const fields = (typeof source === 'object' && source !== null ? source : {}) as Record<string, unknown>;
  const mediaType = fields['media_type'];
  const data = fields['data'];
  if (fields['type'] === 'base64' && typeof mediaType === 'string' && MEDIA_TYPE.test(mediaType)) {
    const format = FORMATS[mediaType];
    const label = format === undefined ? t('Image') : t('{0} image', format);
    return typeof data === 'string' && data !== ''
      ? { kind: 'base64', src: `data:${mediaType};base64,${data}`, label, note: '' }
      : { kind: 'base64', label, note: t('No image data') };
  }
  if (fields['type'] === 'url') {
    const url = httpUrl(fields['url']);
    return url === undefined
      ? { kind: 'url', label: t('Image'), note: t('Link not shown') }
      : { kind: 'url', src: url, label: t('Image from {0}', domainOf(url) as string), note: '' };
  }
  if (fields['type'] === 'file') {
    return { kind: 'file', label: t('Image'), note: t('Uploaded file') };
  }
  return { kind: 'unknown', label: t('Image'), note: t('Cannot be shown') };
}

/** Whether the image decoded, keyed by the `src` it was for (a new source starts loading again). */
interface LoadResult {
  src: string;
  loaded: boolean;
}

function stateOf(
  src: string | undefined,
  result: LoadResult | undefined,
): 'unavailable' | 'loading' | 'loaded' | 'error' {
  if (src === undefined) return 'unavailable';
  if (result?.src !== src) return 'loading';
  return result.loaded ? 'loaded' : 'error';
}

/**
 * An `image` block (a picture the user attached, or one in a tool result) as a thumbnail that keeps
 * its aspect ratio; pressing it toggles the full width. Base64 images show from a `data:` URL, `url`
 * sources only when they are http(s); a Files API upload, an unsafe link or an unexpected shape shows
 * a small labelled box and loads nothing. `data-state` is `loading`, `loaded`, `error` (it did not
 * decode or load: the box again) or `unavailable`; `data-source` is the source type. Never throws.
 * Its words (the image's name, the box's note) come from the app's labels, English without them.
 *
 * @example
 * <ImageBlock block={{ type: 'image', source: { type: 'base64', media_type: 'image/png', data } }}
 *   index={0} message={message} progress={undefined} />
 */
export function ImageBlock(props: ImageBlockProps): ReactNode {
  const { block } = props;
  // Blocks keep their identity while unchanged: the data URL of a large image is built once.
  const t = useLabels();
  const view = useMemo(() => viewOf(block, t), [block, t]);
  const [result, setResult] = useState<LoadResult | undefined>(undefined);
  const [expanded, setExpanded] = useState(false);
  const image = useRef<HTMLImageElement>(null);
  const { src } = view;

  // A server-rendered image may finish before React listens for its load event.
  useEffect(() => {
    const element = image.current;
    if (src !== undefined && element?.complete) setResult({ src, loaded: element.naturalWidth > 0 });
  }, [src]);

  const state = stateOf(src, result);
  const shown = state === 'loading' || state === 'loaded';
  const note = state === 'error' ? t('Could not be shown') : view.note;

  return (
    <div data-slot="image-block" data-state={state} data-source={view.kind} {...rootProps(props)}>
      {shown && src !== undefined ? (
        <button
          type="button"
          data-slot="image-block-toggle"
          data-state={expanded ? 'open' : 'closed'}
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          <img
            ref={image}
            data-slot="image-block-image"
            src={src}
            alt={view.label}
            loading="lazy"
            decoding="async"
            // A `url` source may come from a tool result or a relay: its host learns no page address.
            referrerPolicy="no-referrer"
            onLoad={() => setResult({ src, loaded: true })}
            onError={() => setResult({ src, loaded: false })}
          />
        </button>
      ) : (
        <span data-slot="image-block-placeholder">
          <Icon d={ATTACHMENT_ICONS.image} />
          <span data-slot="image-block-label">{view.label}</span>
          <span data-slot="image-block-note">{note}</span>
        </span>
      )}
    </div>
  );
}
