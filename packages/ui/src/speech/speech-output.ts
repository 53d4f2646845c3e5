/** Where sentences are spoken: the browser's speech synthesis, or any text-to-speech engine. */
export interface SpeechOutput {
  /** Queues one sentence, after those queued before it. */
  speak(sentence: string): void;
  /** Stops speaking and drops what is queued. */
  cancel(): void;
}

/** How {@link browserSpeech} speaks. */
export interface BrowserSpeechOptions {
  /** One of `speechSynthesis.getVoices()` (default: the browser's for `lang`). */
  voice?: SpeechSynthesisVoice | undefined;
  /** Language of the answers, e.g. `'fr-FR'` (default: the page's). */
  lang?: string | undefined;
  /** Speed, 0.1 to 10 (default 1). */
  rate?: number | undefined;
  /** Pitch, 0 to 2 (default 1). */
  pitch?: number | undefined;
  /** Volume, 0 to 1 (default 1). */
  volume?: number | undefined;
}

/**
 * A {@link SpeechOutput} on the Web Speech API (`speechSynthesis`), one utterance per sentence: short
 * utterances start sooner and avoid the cut some browsers make in long ones. Where the API is
 * missing (a server render, an old browser) it says nothing.
 *
 * @example
 * const output = browserSpeech({ lang: 'en-GB', rate: 1.1 });
 */
export function browserSpeech(options: BrowserSpeechOptions = {}): SpeechOutput {
  const synthesis = globalThis.speechSynthesis as SpeechSynthesis | undefined;
  return {
    speak(sentence) {
      if (!synthesis) return;
      const utterance = new SpeechSynthesisUtterance(sentence);
      const { voice, lang, rate, pitch, volume } = options;
      if (voice) utterance.voice = voice;
      if (lang) utterance.lang = lang;
      if (rate !== undefined) utterance.rate = rate;
      if (pitch !== undefined) utterance.pitch = pitch;
      if (volume !== undefined) utterance.volume = volume;
      synthesis.speak(utterance);
    },
    cancel() {
      synthesis?.cancel();
    },
  };
}
