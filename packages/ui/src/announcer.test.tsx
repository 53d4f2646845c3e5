import { Activity, StrictMode } from 'react';
import { expect, it, vi } from 'vitest';
import { render } from 'vitest-browser-react';
import { Announcer } from './announcer.tsx';
import { LabelsProvider } from './labels.tsx';
import { expectNoAxeViolations } from './test/axe.ts';

const regionOf = (container: HTMLElement) => container.querySelector('[aria-live="polite"]') as HTMLElement;
const said = (container: HTMLElement) => Array.from(regionOf(container).children, (node) => node.textContent);
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

it('announces whole sentences of a streaming answer, never a partial one', async () => {
  const screen = await render(<Announcer text="Hello wor" streaming messageId="a" />);
  await tick();
  expect(said(screen.container)).toEqual([]);
  await screen.rerender(<Announcer text="Hello world. How are" streaming messageId="a" />);
  await expect.poll(() => said(screen.container)).toEqual(['Hello world.']);
  await screen.rerender(<Announcer text="Hello world. How are you? I am" streaming messageId="a" />);
  await expect.poll(() => said(screen.container)).toEqual(['Hello world.', 'How are you?']);
  await screen.rerender(
    <Announcer text="Hello world. How are you? I am fine" streaming={false} messageId="a" />,
  );
  await expect.poll(() => said(screen.container)).toEqual(['Hello world.', 'How are you?', 'I am fine']);
  await expectNoAxeViolations(screen.container);
});

const strict = (text: string, streaming = true) => (
  <StrictMode>
    <Announcer text={text} streaming={streaming} busy messageId="s" />
  </StrictMode>
);

it('goes on announcing an answer it was mounted during, in StrictMode', async () => {
  const screen = await render(strict('The first sentence is here. The sec'));
  await expect.poll(() => said(screen.container)).toEqual(['The first sentence is here.']);
  await screen.rerender(strict('The first sentence is here. The second one follows. A third'));
  await expect
    .poll(() => said(screen.container))
    .toEqual(['The first sentence is here.', 'The second one follows.']);
  await screen.rerender(
    strict('The first sentence is here. The second one follows. A third closes it.', false),
  );
  // Before: "The sec", then nothing: the remount kept a channel its unmount had closed.
  await expect
    .poll(() => said(screen.container))
    .toEqual(['The first sentence is here.', 'The second one follows.', 'A third closes it.']);
});

const hidden = (text: string, mode: 'visible' | 'hidden', streaming = true) => (
  <Activity mode={mode}>
    <Announcer text={text} streaming={streaming} busy messageId="h" />
  </Activity>
);

it('reads on once shown again after being hidden by <Activity> while the answer streamed', async () => {
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error);
  window.addEventListener('error', onError);
  const screen = await render(hidden('One is said. Two', 'visible'));
  await expect.poll(() => said(screen.container)).toEqual(['One is said.']);
  await screen.rerender(hidden('One is said. Two', 'hidden'));
  await screen.rerender(hidden('One is said. Two is too. Three', 'hidden'));
  await screen.rerender(hidden('One is said. Two is too. Three ends it.', 'visible', false));
  // Before (once the channel refused text after its end): the whole tree torn down by the error.
  await expect.poll(() => said(screen.container)).toEqual(['One is said.', 'Two is too.', 'Three ends it.']);
  window.removeEventListener('error', onError);
  expect(errors).toEqual([]);
});

it('reads on an answer carried on from inside a code block as prose again, not its code', async () => {
  const cut = 'Try this.\n\n```py\nimport os\nprint(os.getc';
  const whole = `${cut}wd())\nfor name in os.listdir("."):\n    print(name)\n\`\`\`\n\nRun it with Python. It prints every file.`;
  const screen = await render(<Announcer text={cut} streaming messageId="c" />);
  await screen.rerender(<Announcer text={cut} streaming={false} messageId="c" />);
  await expect.poll(() => said(screen.container)).toEqual(['Try this.', 'Code block in py, 2 lines.']);
  // Retry: the same message streams again, then goes on.
  await screen.rerender(<Announcer text={cut} streaming messageId="c" />);
  await screen.rerender(<Announcer text={`${cut}wd())\n`} streaming messageId="c" />);
  await screen.rerender(<Announcer text={whole} streaming={false} messageId="c" />);
  // Before: its code read line by line, and the prose after it never said.
  await expect
    .poll(() => said(screen.container))
    .toEqual(['Code block in py, 4 lines.', 'Run it with Python.', 'It prints every file.']);
});

it('reads on from the sentence a failure cut, and says nothing twice when the text comes back trimmed', async () => {
  const screen = await render(<Announcer text="One is said. Two is sa" streaming messageId="t" />);
  await screen.rerender(<Announcer text="One is said. Two is sa" streaming={false} messageId="t" />);
  await expect.poll(() => said(screen.container)).toEqual(['One is said.', 'Two is sa']);
  await screen.rerender(<Announcer text="One is said. Two is sa" streaming messageId="t" />);
  await screen.rerender(<Announcer text="One is said. Two is said. Three" streaming messageId="t" />);
  await screen.rerender(
    <Announcer text="One is said. Two is said. Three ends." streaming={false} messageId="t" />,
  );
  await expect.poll(() => said(screen.container)).toEqual(['Two is sa', 'Two is said.', 'Three ends.']);
  // Cut after a line: the continuation is sent back, and comes back, without the line break.
  const next = await render(<Announcer text={'Alpha is one.\nBeta is two.\n'} streaming messageId="n" />);
  await next.rerender(<Announcer text={'Alpha is one.\nBeta is two.\n'} streaming={false} messageId="n" />);
  await next.rerender(<Announcer text={'Alpha is one.\nBeta is two.\n'} streaming messageId="n" />);
  await next.rerender(<Announcer text={'Alpha is one.\nBeta is two. Gamma'} streaming messageId="n" />);
  await next.rerender(
    <Announcer text={'Alpha is one.\nBeta is two. Gamma is three.'} streaming={false} messageId="n" />,
  );
  // Before: "Alpha is one." and "Beta is two." said again.
  await expect.poll(() => said(next.container)).toEqual(['Alpha is one.', 'Beta is two.', 'Gamma is three.']);
});

/** What the region says after `renders` of one answer, a tick apart. */
const steps = async (id: string, renders: [string, boolean][]) => {
  const screen = await render(<Announcer text={renders[0]![0]} streaming={renders[0]![1]} messageId={id} />);
  for (const [text, streaming] of renders.slice(1)) {
    await screen.rerender(<Announcer text={text} streaming={streaming} messageId={id} />);
    await tick();
  }
  return said(screen.container);
};

it('reads on whole sentences after Continues from text that ended in a blank line, or in a line twice', async () => {
  // Before: "wo is new." (the reader went on from where the blank line had ended).
  expect(
    await steps('p', [
      ['One is said.\n\n', true],
      ['One is said.\n\n', false],
      ['One is said.\n\n', true],
      ['One is said. Two is new. Th', true],
      ['One is said. Two is new. Three.', false],
    ]),
  ).toEqual(['One is said.', 'Two is new.', 'Three.']);
  // Before: "is four." (the second Continue went on one character into its sentence).
  expect(
    await steps('q', [
      ['A one.\nB two.\n', true],
      ['A one.\nB two.\n', false],
      ['A one.\nB two.\n', true],
      ['A one.\nB two. C is three. D is fo', false],
      ['A one.\nB two. C is three. D is fo', true],
      ['A one.\nB two. C is three. D is four.', false],
    ]),
  ).toEqual(['C is three.', 'D is fo', 'D is four.']);
});

it('announces emphasis and code spans as their words, not their markers', async () => {
  const text =
    'It is **important** and _subtle_, not ~~wrong~~. Call `abort()` on snake_case names. Multiply 2 * 3.';
  const screen = await render(<Announcer text={text} streaming messageId="e" />);
  await screen.rerender(<Announcer text={text} streaming={false} messageId="e" />);
  await expect
    .poll(() => said(screen.container))
    .toEqual([
      'It is important and subtle, not wrong.',
      'Call abort() on snake_case names.',
      'Multiply 2 * 3.',
    ]);
});

it('says a code block is there instead of reading its code, once its fence closes', async () => {
  const screen = await render(<Announcer text={'Run this:\n```sh\nnpm ins'} streaming messageId="c" />);
  // The line before the code is said at once; the code so far is not read.
  await expect.poll(() => said(screen.container)).toEqual(['Run this:']);
  await screen.rerender(
    <Announcer text={'Run this:\n```sh\nnpm install\nnpm test\n```\nThen'} streaming messageId="c" />,
  );
  await expect.poll(() => said(screen.container)).toEqual(['Run this:', 'Code block in sh, 2 lines.']);
  await screen.rerender(
    <Announcer
      text={'Run this:\n```sh\nnpm install\nnpm test\n```\nThen open it.\n```\ncut off'}
      streaming={false}
      messageId="c"
    />,
  );
  // A block the answer left open is described when it ends.
  await expect
    .poll(() => said(screen.container))
    .toEqual(['Code block in sh, 2 lines.', 'Then open it.', 'Code block, 1 line.']);
});

it('reads a table by its cells and a task item without its box, not their symbols', async () => {
  const text = '| Plan | Price |\n| :-- | --: |\n| **Pro** | $20 |\n- [x] Tax included.';
  const screen = await render(<Announcer text={text} streaming messageId="t" />);
  await screen.rerender(<Announcer text={text} streaming={false} messageId="t" />);
  await expect.poll(() => said(screen.container)).toEqual(['Plan, Price', 'Pro, $20', 'Tax included.']);
});

const frenchCode = (language: string | undefined, lines: number) =>
  `Code ${language ?? 'sans langage'}, ${lines} ligne${lines > 1 ? 's' : ''}.`;

it('describes code in the words it is given', async () => {
  const screen = await render(<Announcer text="Voici :" streaming messageId="d" describeCode={frenchCode} />);
  await screen.rerender(
    <Announcer
      text={'Voici :\n```\na\nb\n```\nFin.'}
      streaming={false}
      messageId="d"
      describeCode={frenchCode}
    />,
  );
  await expect
    .poll(() => said(screen.container))
    .toEqual(['Voici :', 'Code sans langage, 2 lignes.', 'Fin.']);
});

it('does not read out text that never streamed (history)', async () => {
  const screen = await render(
    <Announcer text="An old answer. From before." streaming={false} messageId="old" />,
  );
  await tick();
  expect(said(screen.container)).toEqual([]);
});

it('starts over for a new answer and announces errors', async () => {
  const screen = await render(<Announcer text="First. Sec" streaming messageId="a" />);
  await expect.poll(() => said(screen.container)).toEqual(['First.']);
  await screen.rerender(<Announcer text="Another" streaming messageId="b" />);
  await screen.rerender(<Announcer text="Another one. Then" streaming messageId="b" error={undefined} />);
  // The abandoned answer's remainder is flushed, then the new answer's first sentence.
  await expect.poll(() => said(screen.container)).toEqual(['First.', 'Sec', 'Another one.']);
  await screen.rerender(
    <Announcer
      text="Another one. Then"
      streaming={false}
      messageId="b"
      error="Claude is overloaded right now"
    />,
  );
  // The answer's last words first, then what went wrong.
  await expect
    .poll(() => said(screen.container))
    .toEqual(['Another one.', 'Then', 'Claude is overloaded right now']);
});

it('reads on when a stopped answer is continued in place, from the sentence the stop cut', async () => {
  const screen = await render(
    <Announcer text="It starts. It breaks off in the mid" streaming messageId="a" />,
  );
  await expect.poll(() => said(screen.container)).toEqual(['It starts.']);
  await screen.rerender(
    <Announcer text="It starts. It breaks off in the mid" streaming={false} messageId="a" notice="Stopped" />,
  );
  await expect
    .poll(() => said(screen.container))
    .toEqual(['It starts.', 'It breaks off in the mid', 'Stopped']);
  // Continue (retry() of a stopped text answer): the same message grows from where it stopped.
  await screen.rerender(
    <Announcer text="It starts. It breaks off in the middle of a word. Then it" streaming messageId="a" />,
  );
  // The sentence the stop cut is said again whole.
  await expect.poll(() => said(screen.container).at(-1)).toBe('It breaks off in the middle of a word.');
  await screen.rerender(
    <Announcer
      text="It starts. It breaks off in the middle of a word. Then it ends."
      streaming={false}
      messageId="a"
    />,
  );
  await expect
    .poll(() => said(screen.container))
    .toEqual(['Stopped', 'It breaks off in the middle of a word.', 'Then it ends.']);
});

it('announces a notice when it changes, after the last words of the answer', async () => {
  const screen = await render(<Announcer text="Here is a long answer. It goes" streaming messageId="a" />);
  await expect.poll(() => said(screen.container)).toEqual(['Here is a long answer.']);
  // Stopped mid-sentence: what was said of it comes first, then the notice.
  await screen.rerender(
    <Announcer text="Here is a long answer. It goes" streaming={false} messageId="a" notice="Stopped" />,
  );
  await expect.poll(() => said(screen.container)).toEqual(['Here is a long answer.', 'It goes', 'Stopped']);
  await screen.rerender(
    <Announcer text="Here is a long answer. It goes" streaming={false} messageId="a" notice="Stopped" />,
  );
  await tick();
  expect(said(screen.container)).toEqual(['Here is a long answer.', 'It goes', 'Stopped']);
  // The next answer, a tool call, comes whole during a request and waits for approval.
  await screen.rerender(
    <Announcer text="Here is a long answer. It goes" streaming={false} busy messageId="a" />,
  );
  await screen.rerender(
    <Announcer text="" streaming={false} messageId="b" notice="get_weather needs your approval" />,
  );
  await expect.poll(() => said(screen.container).at(-1)).toBe('get_weather needs your approval');
});

it('says an answer that came whole during a request, as a short one can within one frame', async () => {
  const screen = await render(<Announcer text="Old answer." streaming={false} messageId="a" />);
  await screen.rerender(<Announcer text="Old answer." streaming={false} busy messageId="a" />);
  await screen.rerender(<Announcer text="Yes. It is" streaming={false} messageId="b" notice="Stopped" />);
  await expect.poll(() => said(screen.container)).toEqual(['Yes.', 'It is', 'Stopped']);
});

it('says nothing of an answer it did not see arrive, nor its notice (a restored or older one)', async () => {
  const screen = await render(<Announcer text="" streaming={false} />);
  await screen.rerender(
    <Announcer text="An answer cut off in the mid" streaming={false} messageId="saved" notice="Stopped" />,
  );
  // Another version of an answer, shown while no request is under way.
  await screen.rerender(<Announcer text="An older version." streaming={false} messageId="older" />);
  await tick();
  expect(said(screen.container)).toEqual([]);
});

it('is visually hidden, polite, merges className and spreads props', async () => {
  const screen = await render(<Announcer text="" streaming={false} className="mine" id="live" />);
  const region = regionOf(screen.container);
  expect(region.id).toBe('live');
  expect(region.className).toBe('mine');
  expect(region.getBoundingClientRect().width).toBeLessThanOrEqual(1);
});

it('speaks a language switched mid-answer from there on', async () => {
  const inFrench = { 'Code block in {0}, 1 line.': 'Bloc de code en {0}, 1 ligne.' } as const;
  const answer = (text: string, streaming: boolean, labels?: typeof inFrench) => (
    <LabelsProvider labels={labels}>
      <Announcer text={text} streaming={streaming} messageId="s" />
    </LabelsProvider>
  );
  const screen = await render(answer('First:\n```sh\nls\n```\nThen', true));
  await expect.poll(() => said(screen.container)).toEqual(['First:', 'Code block in sh, 1 line.']);
  await screen.rerender(answer('First:\n```sh\nls\n```\nThen:\n```py\nx\n```\nDone.', false, inFrench));
  await expect.poll(() => said(screen.container)).toEqual(['Then:', 'Bloc de code en py, 1 ligne.', 'Done.']);
});

it('empties itself a while after it last spoke: no old announcement is left to meet on the page', async () => {
  const screen = await render(<Announcer text="" streaming={false} messageId="n" />);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    await screen.rerender(
      <Announcer text="" streaming={false} messageId="n" error="The server had a problem" />,
    );
    await vi.advanceTimersByTimeAsync(1);
    expect(said(screen.container)).toEqual(['The server had a problem']);
    await vi.advanceTimersByTimeAsync(14_000);
    expect(said(screen.container)).toEqual(['The server had a problem']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(said(screen.container)).toEqual([]);
  } finally {
    vi.useRealTimers();
  }
});
