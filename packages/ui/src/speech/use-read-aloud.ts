import { useCallback, useEffect, useRef } from 'react';
import {
  createSentenceSpeaker,
  type SentenceSpeaker,
  type SentenceSpeakerOptions,
} from './sentence-speaker.ts';
import { type AnswerSight, arrivedNow } from '../answer-sight.ts';
import { browserSpeech, type BrowserSpeechOptions, type SpeechOutput } from './speech-output.ts';

/** Options of {@link useReadAloud} and {@link createReadAloud}. */
export interface ReadAloudOptions extends SentenceSpeakerOptions, BrowserSpeechOptions {
  /** Where to speak (default: the browser's `speechSynthesis` with the voice options here). */
  output?: SpeechOutput | undefined;
}

/** What {@link useReadAloud} knows of the answer besides its text. */
export interface ReadAloudState {
  /** The user stopped it: stop reading at once. */
  stopped?: boolean | undefined;
  /** It continues the previous answer (the next turn of a tool loop): read it after, not instead. */
  continues?: boolean | undefined;
  /**
   * A request is under way (sent, streaming, its tools running): an answer that arrives during it,
   * or as it ends, is read even if it came whole, never seen streaming.
   */
  busy?: boolean | undefined;
}

/** What {@link useReadAloud} returns. */
export interface ReadAloudControls {
  /**
   * Stops reading at once, the answer's queued sentences too, also once it finished streaming
   * (the person speaks over it: a barge-in). Nothing more of that answer is read; the next one is.
   */
  stop: () => void;
}

/**
 * Reads the streaming answer aloud, a sentence as soon as it is complete, so listening starts
 * with the first sentence instead of after the whole answer. History (an answer that was not
 * streaming when first seen, nor came during `busy`) is not read; a new answer cuts the previous one off unless it
 * `continues` it; `stopped`, `stop()` and unmounting stop at once. The options are read when the
 * component mounts.
 *
 * @example
 * const { stop } = useReadAloud(text, answer.status === 'streaming', answer.id, { rate: 1.1 });
 */
export function useReadAloud(
  markdown: string,
  streaming: boolean,
  messageId: string | undefined,
  options: ReadAloudOptions = {},
  { stopped = false, continues = false, busy = false }: ReadAloudState = {},
): ReadAloudControls {
  const speaker = useRef<SentenceSpeaker | undefined>(undefined);
  const given = useRef(options);
  const sight = useRef<AnswerSight>({ messageId, busy });
  useEffect(() => {
    const { output, ...rest } = given.current;
    const current = (speaker.current ??= createSentenceSpeaker(output ?? browserSpeech(rest), rest));
    const arrived = arrivedNow(sight.current, messageId, busy);
    if (stopped) current.stop();
    else current.update(markdown, streaming, messageId, continues, arrived);
  }, [markdown, streaming, busy, messageId, stopped, continues]);
  useEffect(
    () => () => {
      speaker.current?.stop();
      speaker.current = undefined;
    },
    [],
  );
  return { stop: useCallback(() => speaker.current?.silence(), []) };
}
