import { useMemo, useState, type ReactNode, type ToggleEvent } from 'react';
import type { DocumentBlock as DocumentContentBlock } from '@chatstream/reader';
import { domainOf, httpUrl } from '../blocks/format-value.ts';
import { rootProps, type BlockPartProps } from '../blocks/part-props.ts';
import { ATTACHMENT_ICONS } from './attachment-icons.ts';
import { Icon, type LabelKey, type Translate, useLabels } from '@chatstream/ui';

/** Props of {@link DocumentBlock}. */
export type DocumentBlockProps = BlockPartProps<DocumentContentBlock, HTMLElement>;

/** What the chip shows, read once per block. */
interface DocumentView {
  kind: 'pdf' | 'text' | 'url' | 'file' | 'unknown';
  title: string;
  details: string;
  /** The readable text of a `text` or `content` source. */
  text?: string | undefined;
  /** The http(s) address of a `url` source. */
  url?: string | undefined;
}

const count = (value: number): string => value.toLocaleString('en', { maximumFractionDigits: 1 });

/**
 * A count in the words of `t`: the number as English writes it ("1,204") fills `{0}`; the number
 * itself follows, for an app's function to write it its own way or pick a plural.
 */
const counted = (t: Translate, key: LabelKey, value: number): string => t(key, count(value), value);

/** Bytes as "812 bytes", "210 KB", "4.2 MB". */
function formatBytes(bytes: number, t: Translate): string {
  if (bytes < 1024) return counted(t, '{0} bytes', bytes);
  if (bytes < 1024 * 1024) return counted(t, '{0} KB', Math.round(bytes / 1024));
  const megabytes = bytes / (1024 * 1024);
  return counted(t, '{0} MB', megabytes < 10 ? megabytes : Math.round(megabytes));
}

/** The size of what base64 `data` encodes, without decoding it. */
function decodedSize(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}

/** Characters as a person counts them: an emoji is one, not two UTF-16 units (a surrogate pair). */
function characterCount(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

function textOfContent(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  return content
    .flatMap((item: unknown) => {
      const text = (item as { type?: unknown; text?: unknown } | null)?.text;
      return (item as { type?: unknown } | null)?.type === 'text' && typeof text === 'string' ? [text] : [];
    })
    .join('\n\n');
}

function viewOf(block: unknown, t: Translate): DocumentView {
  const fields = (typeof block === 'object' && block !== null ? block : {}) as Record<string, unknown>;
  const source = fields['source'];
  const from = (typeof source === 'object' && source !== null ? source : {}) as Record<string, unknown>;
  const given =
    typeof fields['title'] === 'string' && fields['title'].trim() !== '' ? fields['title'] : undefined;
  const data = from['data'];
  switch (from['type']) {
    case 'base64':
      return {
        kind: 'pdf',
        title: given ?? t('PDF document'),
        details: typeof data === 'string' ? t('PDF · {0}', formatBytes(decodedSize(data), t)) : t('PDF'),
      };
    case 'text':
    case 'content': {
      const text = textOfContent(from['type'] === 'text' ? data : from['content']);
      const characters = text === undefined ? 0 : characterCount(text);
      return {
        kind: 'text',
        title: given ?? t('Text document'),
        details: characters === 1 ? t('Text · 1 character') : counted(t, 'Text · {0} characters', characters),
        text,
      };
    }
    case 'url': {
      const url = httpUrl(from['url']);
      const domain = url === undefined ? undefined : domainOf(url);
      return {
        kind: 'url',
        title: given ?? domain ?? t('Document'),
        details:
          url === undefined
            ? t('Link not shown')
            : given === undefined
              ? t('Link')
              : t('Link · {0}', domain as string),
        url,
      };
    }
    case 'file':
      return {
        kind: 'file',
        title: given ?? t('Document'),
        details: t('Uploaded file'),
      };
    default:
      return {
        kind: 'unknown',
        title: given ?? t('Document'),
        details: t('Document'),
      };
  }
}

/**
 * A `document` block (a PDF or text the user attached) as a compact chip: an icon, the title (or
 * "PDF document", "Text document", the link's domain, "Document") and what it is ("PDF · 210 KB",
 * "Text · 1,204 characters", "Link", "Uploaded file"). A text document opens to show its text
 * (`<details>`, `data-state` `open` / `closed`); a link opens in a new tab; the rest cannot be read
 * here (`data-state="unavailable"`). `data-kind` is `pdf`, `text`, `url`, `file` or `unknown`. Never
 * puts base64 in the DOM, never throws. Its words come from the app's labels, English without them.
 *
 * @example
 * <DocumentBlock block={{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: notes }, title: 'notes.md' }}
 *   index={1} message={message} progress={undefined} />
 */
export function DocumentBlock(props: DocumentBlockProps): ReactNode {
  const { block, onToggle } = props;
  const t = useLabels();
  const view = useMemo(() => viewOf(block, t), [block, t]);
  const [open, setOpen] = useState(false);

  const chip = (
    <>
      <span data-slot="document-block-icon">
        <Icon d={ATTACHMENT_ICONS.document} />
      </span>
      <span data-slot="document-block-label">
        {view.url === undefined ? (
          <span data-slot="document-block-title">{view.title}</span>
        ) : (
          <a data-slot="document-block-title" href={view.url} target="_blank" rel="noopener noreferrer">
            {view.title}
          </a>
        )}
        <span data-slot="document-block-details">{view.details}</span>
      </span>
    </>
  );

  if (view.text === undefined) {
    return (
      <div data-slot="document-block" data-state="unavailable" data-kind={view.kind} {...rootProps(props)}>
        <span data-slot="document-block-chip">{chip}</span>
      </div>
    );
  }

  const toggle = (event: ToggleEvent<HTMLElement>): void => {
    setOpen((event.currentTarget as HTMLDetailsElement).open);
    onToggle?.(event);
  };
  return (
    <details
      data-slot="document-block"
      data-state={open ? 'open' : 'closed'}
      data-kind={view.kind}
      {...rootProps(props)}
      onToggle={toggle}
    >
      <summary data-slot="document-block-chip">{chip}</summary>
      {/* Only an open document puts its text in the page: a long one costs nothing until read. */}
      {open ? (
        // Scrolls when long: reachable by keyboard, and named (its title) for whoever lands on it.
        <pre data-slot="document-block-content" tabIndex={0} role="group" aria-label={view.title}>
          {view.text}
        </pre>
      ) : null}
    </details>
  );
}
