import {
  createSpokenTextReader,
  type DescribeCode,
  type SpokenTextReader,
  withoutEmphasis,
} from '@chatstream/ui';
import { endsWhole, readOnAt } from '../spoken-resume.ts';
import type { SpeechOutput } from './speech-output.ts';

/** Feeds streaming answers to a {@link SpeechOutput}, a whole sentence at a time. */
export interface SentenceSpeaker {
  /**
   * The answer `messageId` as far as it arrived (markdown). Sentences it completed since the last
   * call are spoken; once `streaming` is false, the rest too. A different answer cancels what the
   * previous one still had queued, unless it `continues` it (the next turn of a tool loop: it is
   * queued after). An answer that was not streaming when first seen (history) is not spoken,
   * unless it `arrived` (whole, during a request: a short answer can come within one frame).
   */
  update(
    markdown: string,
    streaming: boolean,
    messageId: string | undefined,
    continues?: boolean,
    arrived?: boolean,
  ): void;
  /**
   * Stops speaking the answer (the user stopped it). If it is carried on in place later (Continue,
   * Retry), it is read on from the sentence it stopped in.
   */
  stop(): void;
  /**
   * Stops speaking, and says nothing more of this answer, however it goes on (a barge-in: the
   * person speaks over it). The next answer is read.
   */
  silence(): void;
}

/** Options of {@link createSentenceSpeaker}. */
export interface SentenceSpeakerOptions {
  /** Locale for sentence boundaries (default: the browser's). */
  locale?: string | undefined;
  /** What is said for a fenced code block instead of its code (default "Code block in python, 12 lines."). */
  describeCode?: DescribeCode | undefined;
}

interface Answer {
  messageId: string | undefined;
  markdown: string;
  read: SpokenTextReader;
  /** Characters of the spoken text already queued. */
  queued: number;
  /** Characters of the spoken text already segmented. */
  segmented: number;
  /** Nothing more is said, unless it is carried on in place. */
  ended: boolean;
  /** Nothing more is said, however it goes on (a barge-in). */
  silenced: boolean;
  /** Its run is over (it ended or was stopped): streaming again is a Continue or a Retry. */
  over: boolean;
  /** Where reading goes on if it is carried on: the start of a sentence it left unfinished. */
  resumeAt: number;
  /** The spoken text as last read. */
  spoken: string;
}

/** How much of a sentence that runs on is segmented again when it grows. */
const CONTEXT = 256;
/** How far into that text a boundary must lie to be trusted (the segmenter looks back less far). */
const LOOK_BEHIND = 64;

/**
 * Creates a {@link SentenceSpeaker}. The markdown is spoken as prose (`createSpokenTextReader`: no
 * heading or list markers, no link targets, a code block as one sentence saying what it is) without
 * emphasis or code-span markers (`withoutEmphasis`), cut
 * into sentences with `Intl.Segmenter` (Chinese and Japanese full stops included), the segmenter
 * the reader's `segmentText` and the `Announcer` use.
 */
export function createSentenceSpeaker(
  output: SpeechOutput,
  options: SentenceSpeakerOptions = {},
): SentenceSpeaker {
  const segmenter = new Intl.Segmenter(options.locale, { granularity: 'sentence' });
  let answer: Answer | undefined;
  // The answers read (or begun) so far: one back in sight is not new (a barge-in removed the empty
  // step after it, and it was taken for an answer that had just arrived).
  const heard = new Set<string>();
  return {
    update(markdown, streaming, messageId, continues = false, arrived = false) {
      // A continuation goes on from the text without its trailing white space (the API refuses it).
      if (answer && (answer.messageId !== messageId || !markdown.startsWith(answer.markdown.trimEnd()))) {
        if (answer.messageId !== messageId && messageId !== undefined && heard.has(messageId)) return;
        if (!(continues && answer.messageId !== messageId)) output.cancel();
        answer = undefined;
      }
      if (!answer) {
        if (!streaming && !arrived) return;
        if (messageId !== undefined) heard.add(messageId);
        answer = {
          messageId,
          markdown: '',
          read: createSpokenTextReader(options.describeCode),
          queued: 0,
          segmented: 0,
          ended: false,
          silenced: false,
          over: false,
          resumeAt: 0,
          spoken: '',
        };
      }
      // Carried on in place (Continue after a stop or the length limit, Retry after a failure):
      // read on from the sentence it was cut in, said whole this time, unless it was silenced.
      const carriedOn = streaming && answer.over;
      if (carriedOn) {
        answer.over = false;
        answer.ended = answer.silenced;
      }
      if (!streaming) answer.over = true;
      if (answer.ended) return;
      // Its trailing white space gone or changed (a continuation is sent back without it).
      const changed = !markdown.startsWith(answer.markdown);
      answer.markdown = markdown;
      const spoken = answer.read(markdown, !streaming);
      // Read again from its start (the reader does so when carried on, or its end changed): a
      // code block the end closed is open again, so reading goes on where the readings part if sooner.
      if (carriedOn || changed) {
        answer.queued = answer.segmented = readOnAt(
          answer.spoken,
          spoken,
          carriedOn ? answer.resumeAt : answer.queued,
        );
      }
      answer.spoken = spoken;
      const { queued } = answer;
      // A sentence that runs on (a long line without a full stop) is segmented again over its end
      // only: from its start, each update would cost its whole length.
      const from = Math.max(queued, answer.segmented - CONTEXT);
      answer.segmented = spoken.length;
      const sentences = Array.from(segmenter.segment(spoken.slice(from)), ({ segment }) => segment);
      if (from > queued) {
        // `from` is no boundary, and one just after it was found without the text before it: both
        // belong to the sentence begun at `queued`.
        let head = spoken.slice(queued, from) + (sentences.shift() ?? '');
        if (sentences.length > 0 && head.length - (from - queued) < LOOK_BEHIND) head += sentences.shift();
        sentences.unshift(head);
      }
      // While it streams, the last sentence may still grow: it waits for the next one, or the end.
      // One that ends its line is whole (a line break ends a sentence): a heading, a list item, the
      // sentence before a web search.
      if (streaming && !spoken.endsWith('\n')) {
        const rest = sentences.pop() ?? '';
        // Nor is the one before it whole until a letter or a full stop follows: "e.g. 3" may yet
        // run on into "e.g. 3 apples" (UAX #29, SB8).
        if (!/[\p{L}\p{Sentence_Terminal}]/u.test(rest)) sentences.pop();
      }
      for (const sentence of sentences) {
        answer.resumeAt = endsWhole(sentence) ? answer.queued + sentence.length : answer.queued;
        answer.queued += sentence.length;
        const text = withoutEmphasis(sentence).trim();
        if (text) output.speak(text);
      }
      answer.ended = !streaming;
    },
    stop() {
      if (!answer) return;
      output.cancel();
      // What was queued may not have been said: reading on starts after what was whole at least.
      answer.ended = answer.over = true;
    },
    silence() {
      output.cancel();
      if (answer) answer.ended = answer.silenced = true;
    },
  };
}
