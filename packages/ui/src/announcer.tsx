import {
  forwardRef,
  type HTMLAttributes,
  useCallback,
  useEffect,
  useRef,
  type ForwardRefExoticComponent,
  type RefAttributes,
} from 'react';
import { segmentText } from '@chatstream/reader';
import { cx } from './cx.ts';
import { createTextChannel, type TextChannel } from './text-channel.ts';
import { visuallyHidden } from './visually-hidden.ts';

/** Props of {@link Announcer}. */
export interface AnnouncerProps extends HTMLAttributes<HTMLDivElement> {
  /** The text of the answer being streamed, as far as it arrived. */
  text: string;
  /** Whether that answer is still streaming; text that never streamed (history) is not announced. */
  streaming: boolean;
  /** Identifies the answer (its message id): a new id starts a new announcement. */
  messageId?: string | undefined;
  /** An error to announce (say it in words, e.g. with `describeError`); announced when it changes. */
  error?: string | undefined;
  /** Locale for sentence boundaries (default: the browser's). */
  locale?: string | undefined;
}

interface Feed {
  messageId: string | undefined;
  seen: string;
  channel: TextChannel;
  closed: boolean;
}

/** Announcements kept in the region; older ones are dropped (removals are not read out). */
const KEPT = 3;

/**
 * A visually hidden, polite live region that reads the streaming answer out sentence by sentence
 * (`segmentText` from the reader, so CJK and abbreviations segment correctly) instead of every token,
 * and reads out errors.
 *
 * @example
 * <Announcer text={textOf(last)} streaming={last.status === 'streaming'} messageId={last.id} error={errorText} />
 */
export const Announcer: ForwardRefExoticComponent<AnnouncerProps & RefAttributes<HTMLDivElement>> =
  forwardRef<HTMLDivElement, AnnouncerProps>(function Announcer(
    { text, streaming, messageId, error, locale, className, ...rest },
    ref,
  ) {
    const region = useRef<HTMLDivElement | null>(null);
    const feed = useRef<Feed | undefined>(undefined);
    const setRefs = useCallback(
      (node: HTMLDivElement | null) => {
        region.current = node;
        if (typeof ref === 'function') ref(node);
        else if (ref) ref.current = node;
      },
      [ref],
    );
    // Announcements are written into the region directly rather than through state: a state update
    // here would be a second React commit in the same frame as the transcript's (measured in the
    // Chromium benchmark: one extra commit per completed sentence).
    const announce = useCallback((sentence: string) => {
      const node = region.current;
      if (!node) return;
      const paragraph = document.createElement('p');
      paragraph.textContent = sentence;
      node.append(paragraph);
      while (node.childElementCount > KEPT) node.firstElementChild?.remove();
    }, []);

    useEffect(() => {
      let current = feed.current;
      if (current && (current.messageId !== messageId || !text.startsWith(current.seen))) {
        current.channel.close();
        current = feed.current = undefined;
      }
      if (!current) {
        if (!streaming) return;
        current = feed.current = { messageId, seen: '', channel: createTextChannel(), closed: false };
        const { channel } = current;
        void (async () => {
          for await (const sentence of segmentText(channel.text, 'sentence', locale)) {
            const trimmed = sentence.trim();
            if (trimmed) announce(trimmed);
          }
        })();
      }
      if (current.closed) return;
      if (text.length > current.seen.length) {
        current.channel.push(text.slice(current.seen.length));
        current.seen = text;
      }
      if (!streaming) {
        current.channel.close();
        current.closed = true;
      }
    }, [text, streaming, messageId, locale, announce]);

    useEffect(() => () => feed.current?.channel.close(), []);

    useEffect(() => {
      if (error) announce(error);
    }, [error, announce]);

    return (
      <div
        ref={setRefs}
        aria-live="polite"
        aria-atomic="false"
        data-slot="announcer"
        className={cx(className)}
        style={visuallyHidden}
        {...rest}
      />
    );
  });
