import { describe, expect, it, vi } from 'vitest';
import { createSentenceSpeaker } from './sentence-speaker.ts';
import type { SpeechOutput } from './speech-output.ts';

/** A speech output that writes down what it was asked: `said` in order, `cancels` counted. */
function recorder(): SpeechOutput & { said: string[]; cancels: number } {
  const output = {
    said: [] as string[],
    cancels: 0,
    speak: (sentence: string) => void output.said.push(sentence),
    cancel: () => void (output.cancels += 1),
  };
  return output;
}

/** Feeds `text` to the speaker the way a stream grows it: `step` characters at a time, then the end. */
function stream(update: (markdown: string, streaming: boolean) => void, text: string, step = 3): void {
  for (let end = 0; end < text.length; end += step) update(text.slice(0, end), true);
  update(text, false);
}

describe('createSentenceSpeaker', () => {
  it('speaks each sentence once it is complete, the last one when the answer ends', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('Streaming matters. People read as it', true, 'a1');
    expect(output.said).toEqual(['Streaming matters.']);
    speaker.update('Streaming matters. People read as it arrives. Everyone agrees', true, 'a1');
    expect(output.said).toEqual(['Streaming matters.', 'People read as it arrives.']);
    speaker.update('Streaming matters. People read as it arrives. Everyone agrees', false, 'a1');
    expect(output.said).toEqual(['Streaming matters.', 'People read as it arrives.', 'Everyone agrees']);
    // Ended: nothing more, however often it is rendered again.
    speaker.update('Streaming matters. People read as it arrives. Everyone agrees', false, 'a1');
    expect(output.said).toHaveLength(3);
  });

  it('reads markdown as prose, and a code block as what it is, whatever the chunks', () => {
    const answer =
      '## Why it matters\n\nSee [the spec](https://example.com/spec). It is short.\n\n```ts\nconst a = 1;\nconst b = 2;\n```\n\n- First point.\n- Second point.';
    const expected = [
      'Why it matters\n\nSee the spec.',
      'It is short.',
      'Code block in ts, 2 lines.',
      'First point.',
      'Second point.',
    ];
    for (const step of [1, 2, 7, answer.length]) {
      const output = recorder();
      const speaker = createSentenceSpeaker(output, { locale: 'en' });
      stream((markdown, streaming) => speaker.update(markdown, streaming, 'a1'), answer, step);
      expect(output.said.join(' ').replaceAll(/\s+/gu, ' ')).toBe(
        expected.join(' ').replaceAll(/\s+/gu, ' '),
      );
    }
  });

  it('says emphasis and code spans as their words, and keeps symbols that are not markers', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    const text =
      'It shows the answer **as it is written**, _not_ ~~later~~. Call `stream.abort()` with snake_case names. Multiply 2 * 3 to get 6.';
    speaker.update(text, true, 'a1');
    speaker.update(text, false, 'a1');
    expect(output.said).toEqual([
      'It shows the answer as it is written, not later.',
      'Call stream.abort() with snake_case names.',
      'Multiply 2 * 3 to get 6.',
    ]);
  });

  it('speaks a sentence that ends its line at once: a heading, a list item, the words before a search', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('## Plan\n', true, 'a1');
    expect(output.said).toEqual(['Plan']);
    speaker.update('## Plan\n- Pack a bag.\n', true, 'a1');
    expect(output.said).toEqual(['Plan', 'Pack a bag.']);
    // `<ChatStream>` ends a text block's line where a tool call follows it: nothing more comes for
    // the seconds a web search takes.
    speaker.update('## Plan\n- Pack a bag.\nI will search for trains.\n', true, 'a1');
    expect(output.said).toEqual(['Plan', 'Pack a bag.', 'I will search for trains.']);
    speaker.update('## Plan\n- Pack a bag.\nI will search for trains.\nThe 9:15 is best.', false, 'a1');
    expect(output.said).toEqual(['Plan', 'Pack a bag.', 'I will search for trains.', 'The 9:15 is best.']);
  });

  it('waits for a letter before taking an abbreviation or a number for the end of a sentence', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('Bring fruit, e.g. 3', true, 'a1');
    speaker.update('Bring fruit, e.g. 3 apples. And', true, 'a1');
    speaker.update('Bring fruit, e.g. 3 apples. And water.', false, 'a1');
    expect(output.said).toEqual(['Bring fruit, e.g. 3 apples.', 'And water.']);
  });

  it('segments a sentence that runs on over its end only, so its cost stays linear', () => {
    const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    // 20,000 characters without a full stop, then two short sentences.
    const long = Array.from({ length: 4000 }, (_, index) => (index % 9 ? 'word' : 'Wörd')).join(' ');
    const text = `${long}. Then a short one. And the end`;
    for (let at = 100; at < text.length; at += 100) speaker.update(text.slice(0, at), true, 'a1');
    speaker.update(text, false, 'a1');
    const segmented = segment.mock.calls.reduce((sum, [input]) => sum + input.length, 0);
    segment.mockRestore();
    expect(output.said).toEqual([`${long}.`, 'Then a short one.', 'And the end']);
    // From the sentence's start on every update, it would be about 100 times the text.
    expect(segmented).toBeLessThan(5 * text.length);
  });

  it('cuts Chinese and Japanese sentences at their own full stops', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'zh' });
    stream(
      (markdown, streaming) => speaker.update(markdown, streaming, 'a1'),
      '你好。我是Claude。很高兴认识你！',
      2,
    );
    expect(output.said).toEqual(['你好。', '我是Claude。', '很高兴认识你！']);
  });

  it('does not read history, and cuts an answer off when the next one starts', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('An old answer. Shown again.', false, 'old');
    expect(output.said).toEqual([]);
    speaker.update('First sentence. Second', true, 'a1');
    speaker.update('Another answer begins. And', true, 'a2');
    expect(output.said).toEqual(['First sentence.', 'Another answer begins.']);
    expect(output.cancels).toBe(1);
    // The same answer rewritten (a regeneration in place) starts over too.
    speaker.update('Rewritten. From', true, 'a2');
    expect(output.said.at(-1)).toBe('Rewritten.');
    expect(output.cancels).toBe(2);
    speaker.stop();
    expect(output.cancels).toBe(3);
  });

  it('reads an answer that arrived whole during a request, all of it at once', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('Yes. It is', false, 'short', false, true);
    expect(output.said).toEqual(['Yes.', 'It is']);
  });

  it('silence() stops at once and says nothing more of the answer, however it goes on; the next one is read', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('First sentence. Second', true, 'a1');
    speaker.silence();
    expect(output.cancels).toBe(1);
    speaker.update('First sentence. Second sentence. Third', true, 'a1');
    speaker.update('First sentence. Second sentence. Third', false, 'a1');
    expect(output.said).toEqual(['First sentence.']);
    speaker.update('A new answer. And', true, 'a2');
    expect(output.said).toEqual(['First sentence.', 'A new answer.']);
  });

  it('reads on an answer carried on in place after a stop (Continue), from where it stopped', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('One. Two. Thr', true, 'a1');
    speaker.stop();
    speaker.update('One. Two. Thr', false, 'a1');
    expect(output.said).toEqual(['One.', 'Two.']);
    // Before: Continue read "One." and "Two." again, all at once.
    speaker.update('One. Two. Three. Fo', true, 'a1');
    speaker.update('One. Two. Three. Four.', false, 'a1');
    expect(output.said).toEqual(['One.', 'Two.', 'Three.', 'Four.']);
  });

  it('reads on an answer retried in place after a failure, saying again the sentence the failure cut', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('First sentence is fine. Second sen', true, 'a1');
    speaker.update('First sentence is fine. Second sen', false, 'a1');
    expect(output.said).toEqual(['First sentence is fine.', 'Second sen']);
    // Before: nothing more was said, as the answer had ended.
    speaker.update('First sentence is fine. Second sentence, continued after the retry. Do', true, 'a1');
    speaker.update('First sentence is fine. Second sentence, continued after the retry. Done.', false, 'a1');
    expect(output.said.slice(2)).toEqual(['Second sentence, continued after the retry.', 'Done.']);
  });

  it('reads on an answer continued from inside a code block as prose again, not its code', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    const cut = 'Try this.\n\n```py\nimport os\nprint(os.getc';
    speaker.update(cut, true, 'a1');
    speaker.update(cut, false, 'a1');
    const whole = `${cut}wd())\nfor name in os.listdir("."):\n    print(name)\n\`\`\`\n\nRun it with Python. It prints every file.`;
    speaker.update(`${cut}wd())\n`, true, 'a1');
    speaker.update(whole, false, 'a1');
    // Before: the rest of the code read out line by line, and the prose after it never said.
    expect(output.said).toEqual([
      'Try this.',
      'Code block in py, 2 lines.',
      'Code block in py, 4 lines.',
      'Run it with Python.',
      'It prints every file.',
    ]);
  });

  it('reads on an answer continued from text that ended in a line break (sent back without it)', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('One. Two.\n', true, 'a1');
    speaker.update('One. Two.\n', false, 'a1');
    // Retry: the same text streams again, then goes on from "One. Two." (the API refuses a
    // prefill that ends in white space).
    speaker.update('One. Two.\n', true, 'a1');
    speaker.update('One. Two. Three. Fo', true, 'a1');
    speaker.update('One. Two. Three. Four.', false, 'a1');
    // Before: cancelled and read again from "One."
    expect(output.said).toEqual(['One.', 'Two.', 'Three.', 'Four.']);
    expect(output.cancels).toBe(0);
  });

  it('cuts the answer off each time a question is asked, however often the question comes before its answer', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('A one. B', true, 'a1');
    // The question asked: no answer to it yet (undefined), while the request runs.
    speaker.update('', false, undefined, false, true);
    speaker.update('C three. D', true, 'a2');
    speaker.update('', false, undefined, false, true);
    // At each question, and as the answer to the first began. Before: the second question left
    // the answer before it speaking.
    expect(output.cancels).toBe(3);
  });

  it('reads on whole sentences after a Continue from text that ended in a blank line', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('One is said.\n\n', true, 'a1');
    speaker.update('One is said.\n\n', false, 'a1');
    speaker.update('One is said.\n\n', true, 'a1');
    speaker.update('One is said. Two is new. Th', true, 'a1');
    speaker.update('One is said. Two is new. Three.', false, 'a1');
    // Before: "wo is new."
    expect(output.said).toEqual(['One is said.', 'Two is new.', 'Three.']);
  });

  it('says nothing more of a silenced answer, even when it is continued later', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    speaker.update('One. Two. Thr', true, 'a1');
    speaker.silence();
    speaker.update('One. Two. Thr', false, 'a1');
    speaker.update('One. Two. Three. Fo', true, 'a1');
    speaker.update('One. Two. Three. Four.', false, 'a1');
    expect(output.said).toEqual(['One.', 'Two.']);
  });

  it('does not read again an answer back in sight after a barge-in removed the step after it', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    stream((markdown, streaming) => speaker.update(markdown, streaming, 't1'), 'Let me check the clock.');
    speaker.update('', true, 't2', true);
    speaker.silence();
    speaker.stop();
    // The empty stopped step is gone: the last answer is the first step again, while a request runs.
    speaker.update('Let me check the clock.', false, 't1', false, true);
    expect(output.said).toEqual(['Let me check the clock.']);
    speaker.update('Sure. Here', true, 'a2');
    expect(output.said).toEqual(['Let me check the clock.', 'Sure.']);
  });

  it('queues the next turn of a tool loop after the turn before, which it continues', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { locale: 'en' });
    stream((markdown, streaming) => speaker.update(markdown, streaming, 't1'), 'Let me check the weather.');
    stream(
      (markdown, streaming) => speaker.update(markdown, streaming, 't2', true),
      'It is 18 degrees in Paris. Take a jacket.',
    );
    expect(output.said).toEqual([
      'Let me check the weather.',
      'It is 18 degrees in Paris.',
      'Take a jacket.',
    ]);
    expect(output.cancels).toBe(0);
  });

  it('describes code its own way when asked', () => {
    const output = recorder();
    const speaker = createSentenceSpeaker(output, { describeCode: (language) => `Du code ${language}.` });
    speaker.update('Voici.\n\n```py\nprint(1)\n```\n', false, 'a1');
    speaker.update('Voici.\n\n```py\nprint(1)\n```\n', true, 'a2');
    // The closed block ends its line: said at once.
    expect(output.said).toEqual(['Voici.', 'Du code py.']);
    speaker.update('Voici.\n\n```py\nprint(1)\n```\nFin.', false, 'a2');
    expect(output.said.join(' ')).toBe('Voici. Du code py. Fin.');
  });
});
