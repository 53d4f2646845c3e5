import { scenarios, stall, withFaults } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { createRequestQueue } from '@chatstream/reader';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type UseMessageStreamOptions, useMessageStream } from './use-message-stream.ts';

const server = setupChatServer({ timing: 'instant' });
beforeAll(() => server.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.reset());
afterAll(() => server.server.close());

const midStream = withFaults(scenarios.longAnswer, stall(600_000, 6));
const request = { url: '/api/chat', body: { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 256 } };

function Completion(props: UseMessageStreamOptions): React.ReactNode {
  const { text, message, status, error, stats, start, stop } = useMessageStream(props);
  return (
    <div>
      <p role="status">{status}</p>
      <div role="log">{text}</div>
      <p data-testid="meta">{`${message?.stop_reason ?? 'none'} ${stats ? stats.outputTokens > 0 : 'no-stats'}`}</p>
      {error ? <p role="alert">{error.name}</p> : null}
      <button type="button" onClick={() => void start(request)}>
        Start
      </button>
      <button type="button" onClick={() => void stop()}>
        Stop
      </button>
    </div>
  );
}

/** A form filled by a forced tool: the answer's stop reason and which tool inputs are whole. */
function Extraction(): React.ReactNode {
  const { blocks, message, start } = useMessageStream();
  return (
    <div>
      <p role="status">{message?.stop_reason ?? 'none'}</p>
      <p data-testid="complete">{blocks?.map((block) => String(block.inputComplete)).join(' ')}</p>
      <button type="button" onClick={() => void start(request)}>
        Start
      </button>
    </div>
  );
}

const click = (name: string): void => act(() => screen.getByRole('button', { name }).click());
const status = (): string | null => screen.getByRole('status').textContent;

describe('useMessageStream', () => {
  it('waits its turn in a requestQueue shared with another, submitted until the first ends', async () => {
    server.use(midStream);
    const requestQueue = createRequestQueue(1);
    render(
      <>
        <section aria-label="first">
          <Completion requestQueue={requestQueue} />
        </section>
        <section aria-label="second">
          <Completion requestQueue={requestQueue} />
        </section>
      </>,
    );
    const [first, second] = ['first', 'second'].map((name) => within(screen.getByRole('region', { name })));
    act(() => first!.getByRole('button', { name: 'Start' }).click());
    await waitFor(() => expect(first!.getByRole('status').textContent).toBe('streaming'));
    server.use(scenarios.basic);
    act(() => second!.getByRole('button', { name: 'Start' }).click());
    await waitFor(() => expect(requestQueue.waiting).toBe(1));
    expect(second!.getByRole('status').textContent).toBe('submitted');
    expect(server.requests).toHaveLength(1);
    act(() => first!.getByRole('button', { name: 'Stop' }).click());
    await waitFor(() => expect(second!.getByRole('status').textContent).toBe('complete'));
    expect(server.requests).toHaveLength(2);
  });

  it('calls the onFinish of the latest render, and one that throws does not reject start()', async () => {
    server.use(withFaults(scenarios.basic, stall(50, 3)));
    const finished: string[] = [];
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const view = render(<Completion onFinish={() => finished.push('first')} />);
    click('Start');
    await waitFor(() => expect(status()).toBe('streaming'));
    const boom = new Error('boom');
    view.rerender(
      <Completion
        onFinish={() => {
          finished.push('second');
          throw boom;
        }}
      />,
    );
    await waitFor(() => expect(status()).toBe('complete'));
    expect(reported).toEqual([boom]);
    vi.unstubAllGlobals();
    expect(finished).toEqual(['second']);
  });

  it('streams one completion: text, message, stats and the final status', async () => {
    server.use(scenarios.longAnswer);
    const finished: unknown[] = [];
    render(<Completion onFinish={(message) => finished.push(message)} />);
    expect(status()).toBe('idle');
    click('Start');
    expect(status()).toBe('submitted');
    await waitFor(() => expect(status()).toBe('complete'));
    expect(screen.getByRole('log').textContent).toBe(scenarios.longAnswer.expectedText);
    expect(screen.getByTestId('meta').textContent).toBe('end_turn true');
    expect(finished).toEqual([scenarios.longAnswer.expectedMessage]);
  });

  it('says which tool input max_tokens cut off (blocks beside the message), for a form filled by a forced tool', async () => {
    server.use(scenarios.maxTokensInToolInput);
    render(<Extraction />);
    click('Start');
    await waitFor(() => expect(status()).toBe('max_tokens'));
    expect(screen.getByTestId('complete').textContent).toBe('undefined false');
  });

  it('says which retry waits and why while it retries before any content', async () => {
    server.use('flakyThenOk');
    const seen: string[] = [];
    function Retrying(): React.ReactNode {
      const { retrying, status: current, start } = useMessageStream({ retry: { initialDelayMs: 20 } });
      if (retrying) seen.push(`${current} ${retrying.attempt}:${retrying.error.name}`);
      return (
        <>
          <p role="status">{retrying ? 'retrying' : current}</p>
          <button type="button" onClick={() => void start(request)}>
            Start
          </button>
        </>
      );
    }
    render(<Retrying />);
    click('Start');
    await waitFor(() => expect(status()).toBe('complete'));
    expect(server.requests.map((served) => served.status)).toEqual([529, 529, 200]);
    expect(new Set(seen)).toEqual(new Set(['submitted 1:HTTPError', 'submitted 2:HTTPError']));
  });

  it('ends in error with a typed error and keeps the partial text', async () => {
    server.use(scenarios.overloadedMidStream);
    const errors: unknown[] = [];
    render(<Completion retry={false} onError={(error) => errors.push(error)} />);
    click('Start');
    await waitFor(() => expect(status()).toBe('error'));
    expect(screen.getByRole('alert').textContent).toBe('StreamEventError');
    expect(screen.getByRole('log').textContent).not.toBe('');
    expect(errors).toHaveLength(1);
  });

  it('stop aborts the request and keeps the partial text', async () => {
    server.use(midStream);
    render(<Completion />);
    click('Start');
    await waitFor(() => expect(status()).toBe('streaming'));
    const partial = screen.getByRole('log').textContent;
    click('Stop');
    await waitFor(() => expect(status()).toBe('aborted'));
    await server.settled();
    expect(server.requests[0]).toMatchObject({ aborted: true, completed: false });
    // The stop publishes at once what arrived, including tokens still waiting for a frame.
    const kept = screen.getByRole('log').textContent ?? '';
    expect(kept.startsWith(partial ?? '')).toBe(true);
    expect(kept).not.toBe('');
    expect(kept.length).toBeLessThan(scenarios.longAnswer.expectedText.length);
  });

  it('aborts on unmount, and StrictMode alone sends one request that completes', async () => {
    server.use(midStream);
    const { unmount } = render(
      <StrictMode>
        <Completion />
      </StrictMode>,
    );
    click('Start');
    await waitFor(() => expect(status()).toBe('streaming'));
    unmount();
    await server.settled();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ aborted: true });
  });

  it('a new start replaces the stream in progress', async () => {
    server.use(midStream);
    render(<Completion />);
    click('Start');
    await waitFor(() => expect(status()).toBe('streaming'));
    server.use(scenarios.basic);
    click('Start');
    await waitFor(() => expect(status()).toBe('complete'));
    await server.settled();
    expect(server.requests.map(({ aborted }) => aborted)).toEqual([true, false]);
    expect(screen.getByRole('log').textContent).toBe(scenarios.basic.expectedText);
  });
});
