import { describe, expect, it } from 'vitest';
import { ConnectionError, HTTPError, TimeoutError } from '../errors.ts';
import type { ChatMessage, ToolCallState } from './chat-message.ts';
import { type NextActions, nextActions } from './next-actions.ts';
import { ChatSessionError } from './chat-session-error.ts';
import type { ChatSessionSnapshot } from './chat-session-options.ts';
import { retryCanHelp } from './retry-can-help.ts';

type Snapshot = Pick<ChatSessionSnapshot, 'messages' | 'status' | 'error'>;

const question: ChatMessage = { id: 'q', role: 'user', content: [{ type: 'text', text: 'Hi?' }] };
const text = (status: ChatMessage['status'], more: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'a',
  role: 'assistant',
  status,
  content: [{ type: 'text', text: 'Hello' }],
  ...more,
});
const calling = (call: ToolCallState): ChatMessage => ({
  id: 'a',
  role: 'assistant',
  status: 'complete',
  stopReason: 'tool_use',
  content: [
    { type: 'text', text: 'Checking.' },
    { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
    { type: 'tool_use', id: 'toolu_2', name: 'delete_file', input: {} },
  ],
  toolCalls: { toolu_1: { status: 'done', result: 'sunny' }, toolu_2: call },
});

const none: NextActions = {
  stop: false,
  waiting: false,
  awaiting: [],
  retry: false,
  continue: false,
  regenerate: false,
};
const actions = (snapshot: Partial<Snapshot>): NextActions =>
  nextActions({ messages: [], status: 'ready', error: undefined, ...snapshot });

describe('nextActions', () => {
  it('offers nothing in an empty conversation, Stop and a typing indicator until the first token', () => {
    expect(actions({})).toEqual(none);
    expect(actions({ messages: [question], status: 'submitted' })).toEqual({
      ...none,
      stop: true,
      waiting: true,
    });
    // message_start came, no content yet: still waiting for the first token.
    const started = text('streaming', { content: [] });
    expect(actions({ messages: [question, started], status: 'streaming' })).toEqual({
      ...none,
      stop: true,
      waiting: true,
    });
    expect(actions({ messages: [question, text('streaming')], status: 'streaming' })).toEqual({
      ...none,
      stop: true,
    });
  });

  it('offers Regenerate under an answer to a question, not under an answer to an answer', () => {
    expect(actions({ messages: [question, text('complete')] })).toEqual({ ...none, regenerate: true });
    const agent = { ...text('complete'), id: 'agent' };
    expect(actions({ messages: [question, text('complete'), agent] })).toEqual(none);
  });

  it('offers Retry for a question left unanswered (stopped before its first token, a reload)', () => {
    expect(actions({ messages: [question] })).toEqual({ ...none, retry: true });
  });

  it('offers Continue for an answer of text stopped or cut off by max_tokens, with Regenerate', () => {
    for (const answer of [text('aborted'), text('complete', { stopReason: 'max_tokens' })]) {
      expect(actions({ messages: [question, answer] })).toEqual({
        ...none,
        continue: true,
        regenerate: true,
      });
    }
    // Cut inside a tool's input: carried on it could not be, so it is asked again.
    const cutCall = calling({ status: 'stopped', result: 'x' });
    const cutInput: ChatMessage = { ...cutCall, stopReason: 'max_tokens', toolCalls: {} };
    expect(actions({ messages: [question, cutInput] })).toEqual({ ...none, regenerate: true });
  });

  it('offers the buttons of tool calls that wait, and nothing else: the turn is not over', () => {
    for (const status of ['awaiting-approval', 'awaiting-result'] as const) {
      expect(actions({ messages: [question, calling({ status })] })).toEqual({
        ...none,
        awaiting: ['toolu_2'],
      });
    }
    // Stopped while it ran: Continue runs it again.
    expect(actions({ messages: [question, calling({ status: 'stopped', result: 'x' })] })).toEqual({
      ...none,
      continue: true,
      regenerate: true,
    });
  });

  it('after a failure: Retry when asking again can help, Continue at the step limit, nothing for a refused request', () => {
    const messages = [question, text('error')];
    const overloaded = new HTTPError('Overloaded', { status: 529, errorType: 'overloaded_error' });
    expect(actions({ messages, status: 'error', error: overloaded })).toEqual({ ...none, retry: true });
    const steps = new ChatSessionError('max-steps', 'Stopped after 5 steps (maxSteps)');
    expect(actions({ messages: [question, text('complete')], status: 'error', error: steps })).toEqual({
      ...none,
      continue: true,
    });
    const tooLong = new HTTPError('prompt is too long', { status: 400, errorType: 'invalid_request_error' });
    expect(actions({ messages: [question], status: 'error', error: tooLong })).toEqual(none);
  });
});

it('offers no retry for a request refused for what it holds, which would be refused again', () => {
  const refused = [
    new HTTPError('HTTP 413', { status: 413 }),
    new HTTPError('HTTP 413', { status: 413, errorType: 'request_too_large' }),
    new HTTPError('HTTP 400: prompt is too long', { status: 400, errorType: 'invalid_request_error' }),
    { kind: 'http', status: 400, errorType: 'invalid_request_error', message: 'prompt is too long: 9 > 8' },
    new HTTPError('HTTP 400: messages.0.content.0.image.source.base64: image exceeds 5 MB maximum', {
      status: 400,
      errorType: 'invalid_request_error',
    }),
  ];
  for (const error of refused) expect(retryCanHelp(error)).toBe(false);
  const passing = [
    new HTTPError('HTTP 429', { status: 429, errorType: 'rate_limit_error' }),
    new HTTPError('HTTP 529', { status: 529, errorType: 'overloaded_error' }),
    new HTTPError('HTTP 401', { status: 401 }),
    // Passes once the account is topped up.
    new HTTPError('HTTP 400: Your credit balance is too low to access the Anthropic API.', {
      status: 400,
      errorType: 'invalid_request_error',
    }),
    new ConnectionError('lost'),
    new TimeoutError('idle', 30_000),
    undefined,
  ];
  for (const error of passing) expect(retryCanHelp(error)).toBe(true);
});
