import { useMemo, useState, type ReactNode, type ToggleEvent } from 'react';
import type { DocumentBlock as DocumentContentBlock } from '@chatstream/reader';
import { domainOf, httpUrl } from '../blocks/format-value.ts';
import { rootProps, type BlockPartProps } from '../blocks/part-props.ts';
import { ATTACHMENT_ICONS } from './attachment-icons.ts';
import { Icon } from '@chatstream/ui';

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

/** Bytes as "812 bytes", "210 KB", "4.2 MB". */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${count(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${count(Math.round(bytes / 1024))} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${count(megabytes < 10 ? megabytes : Math.round(megabytes))} MB`;
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

function viewOf(block: unknown): DocumentView {
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
        title: given ?? 'PDF document',
        details: typeof data === 'string' ? `PDF · ${formatBytes(decodedSize(data))}` : 'PDF',
      };
    case 'text':
    case 'content': {
      const text = textOfContent(from['type'] === 'text' ? data : from['content']);
      const characters = text === undefined ? 0 : characterCount(text);
      return {
        kind: 'text',
        title: given ?? 'Text document',
        details: `Text · ${count(characters)} character${characters === 1 ? '' : 's'}`,
        text,
      };
    }
    case 'url': {
      const url = httpUrl(from['url']);
      const domain = url === undefined ? undefined : domainOf(url);
      return {
        kind: 'url',
        title: given ?? domain ?? 'Document',
        details: url === undefined ? 'Link not shown' : given === undefined ? 'Link' : `Link · ${domain}`,
        url,
      };
    }
    case 'file':
      return {
        kind: 'file',
        title: given ?? 'Document',
        details: 'Uploaded file',
      };
    default:
      return {
        kind: 'unknown',
        title: given ?? 'Document',
        details: 'Document',
      };
  }
}

/**
 * A `document` block (a PDF or text the user attached) as a compact chip: an icon, the title (or
 * "PDF document", "Text document", the link's domain, "Document") and what it is ("PDF · 210 KB",
 * "Text · 1,204 characters", "Link", "Uploaded file"). A text document opens to show its text
 * (`<details>`, `data-state` `open` / `closed`); a link opens in a new tab; the rest cannot be read
 * here (`data-state="unavailable"`). `data-kind` is `pdf`, `text`, `url`, `file` or `unknown`. Never
 * puts base64 in the DOM, never throws.
 *
 * @example
 * <DocumentBlock block={{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: notes }, title: 'notes.md' }}
 *   index={1} message={message} progress={undefined} />
 */
export function DocumentBlock(props: DocumentBlockProps): ReactNode {
  const { block, onToggle } = props;
  const view = useMemo(() => viewOf(block), [block]);
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
        <pre data-slot="document-block-content" tabIndex={0}>
          {view.text}
        </pre>
      ) : null}
    </details>
  );
}
