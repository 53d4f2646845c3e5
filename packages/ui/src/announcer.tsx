import {
  forwardRef,
  type HTMLAttributes,
  useEffect,
  useImperativeHandle,
  useRef,
  type ForwardRefExoticComponent,
  type RefAttributes,
  type RefObject,
} from 'react';
import { segmentText } from '@chatstream/reader';
import {
  createSpokenTextReader,
  type DescribeCode,
  type SpokenTextReader,
  withoutEmphasis,
} from './spoken-text.ts';
import { type AnswerSight, arrivedNow } from './answer-sight.ts';
import { useLabels } from './labels.tsx';
import { endsWhole, readOnAt } from './spoken-resume.ts';
import { createTextChannel, type TextChannel } from './text-channel.ts';
import { visuallyHidden } from './visually-hidden.ts';

/** Props of {@link Announcer}. */
export interface AnnouncerProps extends HTMLAttributes<HTMLDivElement> {
  /** The text (markdown) of the answer being streamed, as far as it arrived. */
  text: string;
  /**
   * Whether that answer is still streaming. An answer never seen streaming is history and not
   * announced, unless it came during `busy`.
   */
  streaming: boolean;
  /**
   * Whether a request is under way (sent, streaming, its tools running): an answer that arrives
   * during it, or as it ends, is announced even if it came whole, never seen streaming (a short
   * answer can arrive within one frame).
   */
  busy?: boolean | undefined;
  /** Identifies the answer (its message id): a new id starts a new announcement. */
  messageId?: string | undefined;
  /** An error to announce (say it in words, e.g. with `describeError`); announced when it changes. */
  error?: string | undefined;
  /**
   * A short status to announce when it changes, after what the answer still has to say: a tool call
   * waiting for approval, an answer stopped. Only about an answer announced here: a conversation
   * restored with a stopped answer is history.
   */
  notice?: string | undefined;
  /** Locale for sentence boundaries (default: the browser's). */
  locale?: string | undefined;
  /**
   * What is said for a fenced code block instead of its code (default `describeCode`: "Code block in
   * python, 12 lines."). The one given when an answer starts is used for all of it.
   */
  describeCode?: DescribeCode | undefined;
}

interface Feed {
  messageId: string | undefined;
  /** The answer's markdown as last rendered. */
  markdown: string;
  reader: SpokenTextReader;
  /** How much of the spoken text was already pushed into the channel. */
  seen: number;
  /** The spoken text as last read. */
  spoken: string;
  /** Where reading goes on if the answer is carried on: the start of a sentence said cut. */
  resumeAt: number;
  /** Read to its end: streaming again is a Continue or a Retry. */
  ended: boolean;
  /** Open while the answer streams; a stopped answer continued in place (`retry()`) opens a new one. */
  channel?: TextChannel | undefined;
}

/** Announcements kept in the region; older ones are dropped (removals are not read out). */
const KEPT = 3;

/**
 * How long the region keeps what it said once nothing more is said: then it is emptied, so that a
 * screen reader reading the page line by line does not meet old announcements ("… needs your
 * approval" after the approval) below the composer. What was queued for speech is still spoken.
 */
const CLEARED_AFTER_MS = 15_000;
const clearing = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

/**
 * Adds `sentence` to the live region. Written into the region directly rather than through state: a
 * state update here would be a second React commit in the same frame as the transcript's (measured
 * in the Chromium benchmark: one extra commit per completed sentence).
 */
function announce(region: RefObject<HTMLDivElement | null>, sentence: string): void {
  const node = region.current;
  if (!node) return;
  const paragraph = document.createElement('p');
  paragraph.textContent = sentence;
  node.append(paragraph);
  while (node.childElementCount > KEPT) node.firstElementChild?.remove();
  clearTimeout(clearing.get(node));
  clearing.set(
    node,
    setTimeout(() => node.replaceChildren(), CLEARED_AFTER_MS),
  );
}

/**
 * A visually hidden, polite live region that reads the streaming answer out sentence by sentence
 * (`segmentText` from the reader, so CJK and abbreviations segment correctly) instead of every token,
 * and reads out errors. Markdown is spoken as prose (`spokenText`): no heading or list markers,
 * task boxes or link targets, no emphasis or code-span markers (`withoutEmphasis`: a screen reader
 * would say "star star"), a table's rows as their cells joined by commas, without pipes, and a
 * fenced code block as one sentence saying what it is (`describeCode`).
 *
 * @example
 * <Announcer text={textOf(last)} streaming={last.status === 'streaming'} busy={busy} messageId={last.id} error={errorText} />
 */
export const Announcer: ForwardRefExoticComponent<AnnouncerProps & RefAttributes<HTMLDivElement>> =
  /* @__PURE__ */ forwardRef<HTMLDivElement, AnnouncerProps>(function Announcer(
    { text: markdown, streaming, busy = false, messageId, error, notice, locale, describeCode, ...rest },
    ref,
  ) {
    const t = useLabels();
    const region = useRef<HTMLDivElement>(null);
    const feed = useRef<Feed | undefined>(undefined);
    const sight = useRef<AnswerSight>({ messageId, busy });
    // An answer's reader lives as long as the answer: it asks for the words of the labels of now,
    // so a language switched mid-answer is spoken from there on.
    const words = useRef(t);
    useImperativeHandle(ref, () => region.current!, []);

    useEffect(() => {
      words.current = t;
      const arrived = arrivedNow(sight.current, messageId, busy);
      let current = feed.current;
      // A continuation goes on from the text without its trailing white space (the API refuses it).
      if (current && (current.messageId !== messageId || !markdown.startsWith(current.markdown.trimEnd()))) {
        current.channel?.close();
        current = feed.current = undefined;
      }
      if (!streaming && !arrived && !current?.channel) return;
      current ??= feed.current = {
        messageId,
        markdown,
        reader: createSpokenTextReader(describeCode, (key, ...values) => words.current(key, ...values)),
        seen: 0,
        spoken: '',
        resumeAt: 0,
        ended: false,
      };
      // Carried on in place after its end (Continue, Retry): read again from its start by the
      // reader (a code block the end closed is open again), said on from the sentence it was cut in.
      const carriedOn = current.ended && streaming;
      // Its trailing white space gone or changed (a continuation is sent back without it).
      const changed = !markdown.startsWith(current.markdown);
      const text = current.reader(markdown, !streaming);
      if (carriedOn || changed) {
        current.seen = readOnAt(current.spoken, text, carriedOn ? current.resumeAt : current.seen);
        // Left to wait for good (it is collected): closing it would say what it holds, and its
        // positions in the text are no longer these.
        current.channel = undefined;
      }
      current.spoken = text;
      current.markdown = markdown;
      current.ended = !streaming;
      if (!current.channel) {
        const channel = (current.channel = createTextChannel());
        const reading = current;
        // Where in the spoken text each sentence said ends: segments join to the text pushed.
        let at = reading.seen;
        void (async () => {
          for await (const sentence of segmentText(channel.text, 'sentence', locale)) {
            at += sentence.length;
            if (endsWhole(sentence)) reading.resumeAt = at;
            const said = withoutEmphasis(sentence).trim();
            if (said) announce(region, said);
          }
        })();
      }
      if (text.length > current.seen) {
        current.channel.push(text.slice(current.seen));
        current.seen = text.length;
      }
      if (!streaming) {
        current.channel.close();
        current.channel = undefined;
      }
    }, [markdown, streaming, busy, messageId, locale, describeCode, t]);

    // Nothing closes the answer's channel on unmount: a part hidden and shown again (StrictMode's
    // second mount, `<Activity>`) keeps its refs and reads on from it; once unmounted for good,
    // nothing pushes to it and it is collected with the part.

    // Macrotasks: the last words of a failed or stopped answer come out of the closed channel in
    // microtasks, and are said first.
    useEffect(() => {
      if (error) setTimeout(announce, 0, region, error);
    }, [error]);

    useEffect(() => {
      if (notice && feed.current?.messageId === messageId) setTimeout(announce, 0, region, notice);
    }, [notice]);

    return (
      <div
        ref={region}
        aria-live="polite"
        data-slot="announcer"
        data-visually-hidden=""
        style={visuallyHidden}
        {...rest}
      />
    );
  });
