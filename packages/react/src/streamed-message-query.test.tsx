import { scenarios } from '@chatstream/mocks';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import { type ReactNode, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { type StreamedMessage, streamedMessageQueryOptions } from './streamed-message-query.ts';
import { createControlledResponses } from './test/controlled-response.ts';

const request = { url: '/api/chat', body: { messages: [{ role: 'user', content: 'Hi' }] } };

/** Controlled responses whose fetch also records the signal of every request. */
function controlled(...plays: Parameters<typeof createControlledResponses>) {
  const responses = createControlledResponses(...plays);
  const signals: AbortSignal[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    if (init?.signal) signals.push(init.signal);
    return responses.fetch(input, init);
  };
  return { ...responses, fetch, signals };
}

interface AnswerProps {
  name: string;
  fetch: typeof fetch;
  refetchMode?: 'reset' | 'replace';
  sleep?: (ms: number) => Promise<void>;
}

function Answer(props: AnswerProps): ReactNode {
  const { name, fetch, refetchMode, sleep } = props;
  const { data, status, isFetching, refetch } = useQuery(
    streamedMessageQueryOptions({
      queryKey: ['answer'],
      request,
      fetch,
      ...(refetchMode ? { refetchMode } : {}),
      ...(sleep ? { sleep } : {}),
    }),
  );
  const retrying = data?.retrying ? ` retrying ${data.retrying.attempt} ${data.retrying.error.name}` : '';
  return (
    <section aria-label={name}>
      <div role="log" aria-busy={isFetching}>
        {data?.text ?? ''}
      </div>
      <p role="status">{`${status} ${data?.status ?? 'no data'}${retrying}`}</p>
      <button type="button" onClick={() => void refetch()}>
        Refetch {name}
      </button>
    </section>
  );
}

function Toggle({ name, children }: { name: string; children: ReactNode }): ReactNode {
  const [shown, setShown] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setShown(!shown)}>
        Toggle {name}
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
const log = (): string | null => screen.getByRole('log').textContent;
const status = (): string | null => screen.getByRole('status').textContent;
const busy = (): string | null => screen.getByRole('log').getAttribute('aria-busy');

describe('streamedMessageQueryOptions', () => {
  it('refetchMode reset: the data goes back to pending and undefined, then streams afresh', async () => {
    const responses = controlled(scenarios.basic, scenarios.longAnswer);
    const client = renderWithClient(<Answer name="one" fetch={responses.fetch} />);
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('success complete'));
    expect(log()).toBe(scenarios.basic.expectedText);

    click('Refetch one');
    await waitFor(() => expect(status()).toBe('pending no data'));
    expect(log()).toBe('');
    expect(busy()).toBe('true');
    expect(client.getQueryState(['answer'])).toMatchObject({ status: 'pending', data: undefined });

    await act(() => responses.push(8));
    await waitFor(() => expect(status()).toBe('success streaming'));
    expect(scenarios.longAnswer.expectedText.startsWith(log() ?? '')).toBe(true);
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('success complete'));
    expect(log()).toBe(scenarios.longAnswer.expectedText);
    expect(responses.requests).toHaveLength(2);
  });

  it('refetchMode replace: the previous message stays until the new one completes, then is swapped', async () => {
    const responses = controlled(scenarios.basic, scenarios.longAnswer);
    const client = renderWithClient(<Answer name="one" fetch={responses.fetch} refetchMode="replace" />);
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('success complete'));
    const first = client.getQueryData(['answer']);

    click('Refetch one');
    await waitFor(() => expect(busy()).toBe('true'));
    await act(() => responses.push(20));
    expect(log()).toBe(scenarios.basic.expectedText);
    expect(status()).toBe('success complete');
    expect(client.getQueryData(['answer'])).toBe(first);

    await act(() => responses.push());
    await waitFor(() => expect(busy()).toBe('false'));
    expect(log()).toBe(scenarios.longAnswer.expectedText);
    expect(client.getQueryData(['answer'])).toMatchObject({
      status: 'complete',
      message: scenarios.longAnswer.expectedMessage,
    });
  });

  it('refetchMode replace still streams what it has nothing complete to keep for: the first load, a refetch after a partial message', async () => {
    const responses = controlled(scenarios.overloadedMidStream, scenarios.basic);
    renderWithClient(<Answer name="one" fetch={responses.fetch} refetchMode="replace" />);
    // The first load: there is no previous message to keep, so the text shows as it arrives.
    await act(() => responses.push(3));
    await waitFor(() => expect(status()).toBe('success streaming'));
    expect(log()).toBe('The');
    expect(busy()).toBe('true');
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('error partial'));

    // A partial message is no answer to keep either: the refetch streams in its place.
    click('Refetch one');
    await act(() => responses.push(3));
    await waitFor(() => expect(status()).toBe('success streaming'));
    expect(log()).toBe('Hello!');
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('success complete'));
    expect(log()).toBe(scenarios.basic.expectedText);
    expect(responses.requests).toHaveLength(2);
  });

  it('says which retry it waits for while the request is retried before any content', async () => {
    const responses = controlled(scenarios.basic);
    let calls = 0;
    const fetch: typeof globalThis.fetch = (input, init) =>
      (calls += 1) === 1
        ? Promise.resolve(
            Response.json(
              { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
              { status: 529 },
            ),
          )
        : responses.fetch(input, init);
    let wake: (() => void) | undefined;
    const sleep = (): Promise<void> => new Promise<void>((resolve) => (wake = resolve));
    const client = renderWithClient(<Answer name="one" fetch={fetch} sleep={sleep} />);

    await waitFor(() => expect(status()).toBe('success streaming retrying 1 HTTPError'));
    expect(log()).toBe('');
    expect(client.getQueryData(['answer'])).toMatchObject({ message: undefined, retrying: { attempt: 1 } });

    act(() => wake?.());
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('success complete'));
    expect(log()).toBe(scenarios.basic.expectedText);
    expect(client.getQueryData(['answer'])).toMatchObject({ retrying: undefined });
    expect(calls).toBe(2);
  });

  it('a stream that fails mid-answer leaves its partial message in the data as partial, with the error', async () => {
    const responses = controlled(scenarios.overloadedMidStream);
    renderWithClient(<Answer name="one" fetch={responses.fetch} />);
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('error partial'));
    expect(log()).not.toBe('');
    expect(busy()).toBe('false');
  });

  it('shares one request between components and aborts its signal when the last observer unmounts', async () => {
    const responses = controlled(scenarios.longAnswer, scenarios.basic);
    const client = renderWithClient(
      <>
        <Toggle name="one">
          <Answer name="one" fetch={responses.fetch} />
        </Toggle>
        <Toggle name="two">
          <Answer name="two" fetch={responses.fetch} />
        </Toggle>
      </>,
    );
    await act(() => responses.push(10));
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((node) => node.textContent)).toEqual([
        'success streaming',
        'success streaming',
      ]),
    );
    const [first, second] = screen.getAllByRole('log').map((node) => node.textContent);
    expect(second).toBe(first);
    expect(responses.requests).toHaveLength(1);
    expect(responses.signals).toHaveLength(1);

    click('Toggle one');
    expect(responses.signals[0]?.aborted).toBe(false);
    click('Toggle two');
    await waitFor(() => expect(responses.signals[0]?.aborted).toBe(true));
    await waitFor(() => expect(client.getQueryState(['answer'])?.fetchStatus).toBe('idle'));
    // Nothing streams any more: a spinner keyed on the data's status stops.
    expect(client.getQueryData<StreamedMessage>(['answer'])?.status).toBe('partial');

    // The partial message is not kept as the answer: the next observer streams afresh.
    click('Toggle one');
    await waitFor(() => expect(responses.requests).toHaveLength(2));
    await act(() => responses.push());
    await waitFor(() => expect(status()).toBe('success complete'));
    expect(log()).toBe(scenarios.basic.expectedText);
  });
});
