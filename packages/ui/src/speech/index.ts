'use client';

export { createReadAloud, ReadAloud, type ReadAloudComponent } from './read-aloud.tsx';
export {
  createSentenceSpeaker,
  type SentenceSpeaker,
  type SentenceSpeakerOptions,
} from './sentence-speaker.ts';
export { browserSpeech, type BrowserSpeechOptions, type SpeechOutput } from './speech-output.ts';
export { type ReadAloudOptions, type ReadAloudState, useReadAloud } from './use-read-aloud.ts';
