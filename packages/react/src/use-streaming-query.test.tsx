import { scenarios, stall, withFaults } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useStreamingQuery } from './use-streaming-query.ts';

const server = setupChatServer({ timing: 'instant' });
beforeAll(() => server.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.reset());
afterAll(() => server.server.close());

const midStream = withFaults(scenarios.longAnswer, stall(600_000, 6));
const request = { url: '/api/chat', body: { messages: [{ role: 'user', content: 'Hi' }] } };

function Answer({ name, refetchMode }: { name: string; refetchMode?: 'reset' | 'replace' }): ReactNode {
  const { data, error, isFetching, refetch } = useStreamingQuery({
    queryKey: ['answer'],
    request,
    ...(refetchMode ? { refetchMode } : {}),
  });
  return (
    <section aria-label={name}>
      <div role="log" aria-busy={isFetching}>
        {data?.text ?? ''}
      </div>
      <p role="status">{data?.status ?? 'pending'}</p>
      {error ? <p role="alert">{error.name}</p> : null}
      <button type="button" onClick={() => void refetch()}>
        Refetch {name}
      </button>
    </section>
  );
}

function Toggle({ children }: { children: ReactNode }): ReactNode {
  const [shown, setShown] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setShown(false)}>
        Hide
      </button>
      {shown ? children : null}
    </>
  );
}

function renderWithClient(ui: ReactNode): QueryClient {
  const client = new QueryClient();
  render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
  return client;
}

const click = (name: string): void => act(() => screen.getByRole('button', { name }).click());
const logs = (): (string | null)[] => screen.getAllByRole('log').map((log) => log.textContent);

describe('useStreamingQuery', () => {
  it('streams one message into the cache, shared by every component with the key', async () => {
    server.use(scenarios.longAnswer);
    const client = renderWithClient(
      <>
        <Answer name="one" />
        <Answer name="two" />
      </>,
    );
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual(['complete', 'complete']),
    );
    expect(logs()).toEqual([scenarios.longAnswer.expectedText, scenarios.longAnswer.expectedText]);
    expect(server.requests).toHaveLength(1);
    expect(client.getQueryData<{ message: unknown }>(['answer'])?.message).toEqual(
      scenarios.longAnswer.expectedMessage,
    );
  });

  it('shows the partial message while streaming and aborts when the last observer leaves', async () => {
    server.use(midStream);
    const client = renderWithClient(
      <Toggle>
        <Answer name="one" />
        <Answer name="two" />
      </Toggle>,
    );
    await waitFor(() => expect(screen.getAllByRole('status')[0]?.textContent).toBe('streaming'));
    expect(logs()[0]).not.toBe('');
    click('Hide');
    await server.settled();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ aborted: true, completed: false });
    // Cancelled with revert: the next observer streams again.
    expect(client.getQueryState(['answer'])?.fetchStatus).toBe('idle');
  });

  it('keeps a completed message over a remount: no second request, the same data', async () => {
    server.use(scenarios.basic);
    const client = new QueryClient();
    const ui = (
      <QueryClientProvider client={client}>
        <Answer name="one" />
      </QueryClientProvider>
    );
    const first = render(ui);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('complete'));
    const answer = client.getQueryData(['answer']);
    first.unmount();

    render(ui);
    expect(screen.getByRole('status').textContent).toBe('complete');
    expect(screen.getByRole('log').textContent).toBe(scenarios.basic.expectedText);
    expect(screen.getByRole('log').getAttribute('aria-busy')).toBe('false');
    await server.settled();
    expect(server.requests).toHaveLength(1);
    expect(client.getQueryData(['answer'])).toBe(answer);
  });

  it('refetch resets the data and streams again (refetchMode reset)', async () => {
    server.use(scenarios.basic);
    renderWithClient(<Answer name="one" />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('complete'));
    server.use(midStream);
    click('Refetch one');
    await waitFor(() =>
      expect(screen.getByRole('log').textContent).not.toContain(scenarios.basic.expectedText),
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('streaming'));
    expect(server.requests).toHaveLength(2);
  });

  it('refetch keeps the previous message until the new one completes (refetchMode replace)', async () => {
    server.use(scenarios.basic);
    renderWithClient(<Answer name="one" refetchMode="replace" />);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('complete'));
    server.use(midStream);
    click('Refetch one');
    await waitFor(() => expect(server.requests).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('log').getAttribute('aria-busy')).toBe('true'));
    expect(screen.getByRole('log').textContent).toBe(scenarios.basic.expectedText);
    // A refetch while fetching cancels the stalled stream and streams the new answer.
    server.use(scenarios.longAnswer);
    click('Refetch one');
    await waitFor(() => expect(screen.getByRole('log').textContent).toBe(scenarios.longAnswer.expectedText));
    await waitFor(() => expect(screen.getByRole('log').getAttribute('aria-busy')).toBe('false'));
    await server.settled();
    expect(server.requests.map(({ aborted }) => aborted)).toEqual([false, true, false]);
  });

  it('fails with the typed error and keeps the partial message', async () => {
    server.use(scenarios.overloadedMidStream);
    renderWithClient(<Answer name="one" />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('StreamEventError'));
    expect(screen.getByRole('log').textContent).not.toBe('');
  });
});
