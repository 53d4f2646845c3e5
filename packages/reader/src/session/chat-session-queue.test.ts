import { sessionsOnMocks } from '../test/session-on-mocks.ts';
import { faultScenarios, scenarios } from '@chatstream/mocks';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSession } from './chat-session.ts';

const { chat, session } = sessionsOnMocks({ queue: true });

/** The text of each user message, in order. */
const questions = (target: ChatSession): string[] =>
  target
    .getSnapshot()
    .messages.filter((message) => message.role === 'user')
    .map((message) => message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''));

const earlier: ChatMessage[] = [
  { id: 'u1', role: 'user', content: [{ type: 'text', text: 'first' }] },
  { id: 'a1', role: 'assistant', content: [{ type: 'text', text: 'Hi' }] },
  { id: 'u2', role: 'user', content: [{ type: 'text', text: 'second' }] },
  { id: 'a2', role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
];

describe('ChatSession with queue: true', () => {
  it.each<[string, (target: ChatSession) => Promise<void>[], string]>([
    ['a regenerate of an unknown message', (target) => [target.regenerate('no-such-id')], 'unknown-message'],
    ['a blank message', (target) => [target.send('  ')], 'empty-message'],
    [
      'an edit of a message that an earlier queued regenerate took away',
      (target) => [target.regenerate('a1'), target.edit('u2', 'changed')],
      'unknown-message',
    ],
  ])('%s, refused when its turn comes, lets the requests queued after it go', async (_name, queue, code) => {
    const target = session({ initialMessages: earlier });
    const first = target.send('one');
    const queued = queue(target);
    const refused = queued.at(-1)!;
    const last = target.send('last');
    await expect(refused).rejects.toMatchObject({ kind: 'session', code });
    // Before: nothing started the next queued request, so `last` never settled.
    await Promise.all([first, ...queued.slice(0, -1), last]);
    expect(questions(target).at(-1)).toBe('last');
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
    expect(target.getSnapshot().messages.at(-1)).toMatchObject({ role: 'assistant', status: 'complete' });
  });

  it('a request sent from onError goes first, and those already queued keep their order', async () => {
    let sentFromCallback: Promise<void> | undefined;
    const target = session({
      onError: () => {
        sentFromCallback ??= target.send('from onError');
      },
    });
    const sending = [target.send('[scenario:overloaded]'), target.send('two'), target.send('three')];
    await Promise.all(sending);
    await sentFromCallback;
    // Before: `two`, finding the session busy again, went back in line behind `three`.
    expect(questions(target)).toEqual(['[scenario:overloaded]', 'from onError', 'two', 'three']);
  });

  it('a retry() asked for while the tool loop goes on decides when its turn comes, from how the answer ended', async () => {
    chat.use(scenarios.toolUse);
    let retrying: Promise<void> | undefined;
    const target = session({
      tools: {
        get_weather: {
          inputSchema: { type: 'object' },
          // The answer to the results fails after its first words.
          execute: () => (chat.use(faultScenarios.overloadedMidStream), 'Sunny'),
        },
      },
    });
    target.subscribe(() => {
      const { status, messages } = target.getSnapshot();
      if (status === 'submitted' && messages.at(-1)?.content[0]?.type === 'tool_result')
        retrying ??= target.retry();
    });
    await target.send('Weather?').catch(() => undefined);
    chat.use(scenarios.basic);
    await retrying;
    // Continued from the failed answer, as retry() does after a failure: not an error cleared with no request.
    expect(chat.requests).toHaveLength(3);
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
  });

  it('a retry() from onError goes first, and retries the answer that failed', async () => {
    let retrying: Promise<void> | undefined;
    const target = session({
      onError: () => {
        chat.use(scenarios.basic);
        retrying ??= target.retry();
      },
    });
    chat.use(faultScenarios.overloaded);
    await Promise.all([target.send('one'), target.send('two')]);
    await retrying;
    const roles = target.getSnapshot().messages.map((message) => message.role);
    expect(questions(target)).toEqual(['one', 'two']);
    expect(roles).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(chat.requests).toHaveLength(3);
  });
});
