import { createMockResponse, failFirst, httpError, scenarios } from '@chatstream/mocks';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useMessageStream } from './use-message-stream.ts';
import { type UseStreamingChatOptions, useStreamingChat } from './use-streaming-chat.ts';

afterEach(cleanup);

/** A fetch that answers with `answers` in turn and records the URL and body of each request. */
function recordingFetch(...answers: (() => Response)[]) {
  const requests: { url: string; body: unknown }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    requests.push({
      url: url instanceof Request ? url.url : url.toString(),
      body: JSON.parse(init?.body as string),
    });
    return answers[Math.min(requests.length, answers.length) - 1]!();
  };
  return { fetch, requests };
}

const basic = (): Response => createMockResponse(scenarios.basic, { timing: 'instant' });
const overloaded = (): Response =>
  createMockResponse(
    { ...scenarios.basic, faults: [failFirst(1, httpError(529)).fault] },
    { timing: 'instant' },
  );

/** A config whose fields may be missing, passed on as it is. */
interface Config {
  api?: string;
  model?: string;
  maxTokens?: number;
  persist?: string;
}

function Chat({ config, fetch }: { config: Config; fetch: typeof globalThis.fetch }): React.ReactNode {
  const options: UseStreamingChatOptions = {
    api: config.api,
    model: config.model,
    maxTokens: config.maxTokens,
    persist: config.persist,
    chat: undefined,
    throttle: undefined,
    maxSteps: undefined,
    generateId: undefined,
    onFinish: undefined,
    fetch,
  };
  const { messages, status, send } = useStreamingChat(options);
  return (
    <>
      <button type="button" onClick={() => void send('Hello')}>
        Send
      </button>
      <output aria-label="status">{status}</output>
      <output aria-label="count">{messages.length}</output>
    </>
  );
}

describe('hook options set to undefined', () => {
  it('useStreamingChat: work as the options left out (the default endpoint, no model or max_tokens)', async () => {
    const { fetch, requests } = recordingFetch(basic);
    render(<Chat config={{}} fetch={fetch} />);
    act(() => screen.getByRole('button', { name: 'Send' }).click());
    await waitFor(() => expect(screen.getByLabelText('count').textContent).toBe('2'));
    await waitFor(() => expect(screen.getByLabelText('status').textContent).toBe('ready'));
    expect(requests).toEqual([
      {
        url: '/api/chat',
        body: { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] },
      },
    ]);
  });

  it('useMessageStream: keeps the default retries when the retry count is undefined', async () => {
    const { fetch, requests } = recordingFetch(overloaded, basic);
    function Completion(): React.ReactNode {
      const { text, status, start } = useMessageStream({
        fetch,
        throttle: undefined,
        onFinish: undefined,
        retry: { maxRetries: undefined, initialDelayMs: 0 },
      });
      return (
        <>
          <button type="button" onClick={() => void start({ url: undefined, body: { messages: [] } })}>
            Ask
          </button>
          <output aria-label="status">{status}</output>
          <output aria-label="text">{text}</output>
        </>
      );
    }
    render(<Completion />);
    act(() => screen.getByRole('button', { name: 'Ask' }).click());
    await waitFor(() => expect(screen.getByLabelText('status').textContent).toBe('complete'));
    expect(screen.getByLabelText('text').textContent).toBe(scenarios.basic.expectedText);
    expect(requests.map((request) => request.url)).toEqual(['/api/chat', '/api/chat']);
  });
});
