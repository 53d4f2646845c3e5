import { scenarios } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { act, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatSessionOptions } from '@chatstream/reader';
import { useStreamingChat } from './use-streaming-chat.ts';

const server = setupChatServer({ timing: 'instant' });
beforeAll(() => server.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.reset());
afterAll(() => server.server.close());

const weatherSchema = { type: 'object', properties: { location: { type: 'string' } } };

function ToolChat({ tools }: { tools: ChatSessionOptions['tools'] }): ReactNode {
  const { messages, status, send, addToolResult, approveToolCall } = useStreamingChat(tools ? { tools } : {});
  const calls = Object.entries(messages.at(-1)?.toolCalls ?? {});
  return (
    <div>
      <p role="status">{status}</p>
      <ul aria-label="Tool calls">
        {calls.map(([id, call]) => (
          <li key={id}>
            {call.status}
            <button type="button" onClick={() => addToolResult(id, 'Sunny, 21 °C')}>
              Answer
            </button>
            <button type="button" onClick={() => approveToolCall(id, true)}>
              Approve
            </button>
          </li>
        ))}
      </ul>
      <p data-testid="count">{messages.length}</p>
      <button type="button" onClick={() => void send('Weather in Paris?')}>
        Send
      </button>
    </div>
  );
}

const click = (name: string): void => act(() => screen.getByRole('button', { name }).click());
const callStatus = (): string | null | undefined =>
  screen.queryAllByRole('listitem')[0]?.firstChild?.textContent;

describe('tool calls through the hook', () => {
  it('waits for addToolResult, then continues the conversation', async () => {
    server.use(scenarios.toolUse);
    render(<ToolChat tools={{ get_weather: { inputSchema: weatherSchema } }} />);
    click('Send');
    await waitFor(() => expect(callStatus()).toBe('awaiting-result'));
    expect(server.requests).toHaveLength(1);

    server.use(scenarios.basic);
    click('Answer');
    await waitFor(() => expect(server.requests).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    expect(server.requests[1]?.body).toMatchObject({
      messages: [
        { role: 'user' },
        { role: 'assistant' },
        { role: 'user', content: [{ type: 'tool_result', content: 'Sunny, 21 °C' }] },
      ],
    });
  });

  it('runs a needsApproval tool only after approveToolCall', async () => {
    server.use(scenarios.toolUse);
    const ran: unknown[] = [];
    const tools: ChatSessionOptions['tools'] = {
      get_weather: {
        inputSchema: weatherSchema,
        needsApproval: true,
        execute: (input) => (ran.push(input), 'Rain'),
      },
    };
    render(<ToolChat tools={tools} />);
    click('Send');
    await waitFor(() => expect(callStatus()).toBe('awaiting-approval'));
    expect(ran).toEqual([]);

    server.use(scenarios.basic);
    click('Approve');
    await waitFor(() => expect(server.requests).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('ready'));
    expect(ran).toEqual([scenarios.toolUse.expectedMessage.content[1]?.['input']]);
  });
});
