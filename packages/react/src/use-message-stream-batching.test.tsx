import { scenario } from '@chatstream/mocks';
import type { ChatThrottle } from '@chatstream/reader';
import { act, render, screen, waitFor } from '@testing-library/react';
import { Profiler, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { createControlledResponses } from './test/controlled-response.ts';
import { manualFrames } from './test/manual-frames.ts';
import { useMessageStream } from './use-message-stream.ts';

const DELTAS = 30;
const letters = Array.from({ length: DELTAS }, (_, index) => String.fromCharCode(97 + (index % 26)));
const answer = scenario('batching').text(letters.join(''), { chunking: letters }).stop('end_turn');
/** Events before the first text delta: `message_start`, `content_block_start`. */
const HEAD = 2;
const request = { url: '/api/chat', body: { messages: [{ role: 'user', content: 'Hi' }] } };

function setup(throttle: ChatThrottle): { commits: () => number; push: (count?: number) => Promise<void> } {
  const responses = createControlledResponses(answer);
  let commits = 0;
  function Completion(): ReactNode {
    const { text, status, start } = useMessageStream({ fetch: responses.fetch, throttle });
    return (
      <div>
        <p role="status">{status}</p>
        <div role="log">{text}</div>
        <button type="button" onClick={() => void start(request)}>
          Start
        </button>
      </div>
    );
  }
  render(
    <Profiler id="completion" onRender={() => void (commits += 1)}>
      <Completion />
    </Profiler>,
  );
  act(() => screen.getByRole('button', { name: 'Start' }).click());
  return { commits: () => commits, push: (count) => act(() => responses.push(count)) };
}

const status = (): string | null => screen.getByRole('status').textContent;
const text = (): string | null => screen.getByRole('log').textContent;
/** Lets the reader take in what was pushed (a few macrotasks; nothing is timed). */
const drain = async (): Promise<void> => {
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));
};

describe('useMessageStream: frame batching', () => {
  it('commits at most once per frame while streaming and flushes the end synchronously', async () => {
    const frames = manualFrames();
    const { commits, push } = setup(frames.throttle);
    expect(status()).toBe('submitted');
    await push(HEAD + 1);
    // The move to `streaming` (at `message_start`) is published at once; tokens after it wait for a frame.
    await waitFor(() => expect(status()).toBe('streaming'));
    expect(text()).toBe('');
    const streamingAt = commits();

    await push(10);
    await drain();
    expect(commits()).toBe(streamingAt);
    expect(frames.pending()).toBe(1);
    expect(text()).toBe('');
    frames.runFrame();
    expect(commits()).toBe(streamingAt + 1);
    expect(text()).toBe(letters.slice(0, 11).join(''));

    await push(DELTAS - 11);
    let framesRun = 1;
    await waitFor(() => {
      framesRun += 1;
      frames.runFrame();
      expect(text()).toBe(letters.join(''));
    });
    expect(commits() - streamingAt).toBeLessThanOrEqual(framesRun);
    expect(commits() - streamingAt).toBeLessThan(DELTAS);

    const beforeEnd = commits();
    await push();
    await waitFor(() => expect(status()).toBe('complete'));
    expect(frames.pending()).toBe(0);
    expect(commits()).toBe(beforeEnd + 1);
    expect(text()).toBe(letters.join(''));
  });

  it('with throttle: false commits every streamed token', async () => {
    const { commits, push } = setup(false);
    await push(HEAD + 1);
    await waitFor(() => expect(status()).toBe('streaming'));
    const streamingAt = commits();
    for (let delta = 1; delta < DELTAS; delta += 1) {
      await push(1);
      await waitFor(() => expect(text()).toBe(letters.slice(0, delta + 1).join('')));
    }
    expect(commits() - streamingAt).toBe(DELTAS - 1);
    await push();
    await waitFor(() => expect(status()).toBe('complete'));
  });
});
