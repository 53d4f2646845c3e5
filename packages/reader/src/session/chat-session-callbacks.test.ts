import { setupChatServer } from '@chatstream/mocks/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatSessionOptions } from './chat-session-options.ts';
import { type ChatSession, createChatSession } from './chat-session.ts';

const API = 'http://chat.test/api/chat';
const chat = setupChatServer({ timing: 'instant' });
beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => chat.reset());
afterAll(() => chat.server.close());

// A callback's error is reported as an uncaught error (browsers' reportError); captured here.
let reported: unknown[] = [];
beforeEach(() => {
  reported = [];
  vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
  return () => vi.unstubAllGlobals();
});

function session(options: ChatSessionOptions = {}): ChatSession {
  return createChatSession({ api: API, throttle: false, retry: false, ...options });
}

describe('ChatSession: callbacks that throw', () => {
  it('an onFinish that throws does not stop the tool loop; its error is reported', async () => {
    const bug = new Error('analytics failed');
    const execute = vi.fn<() => string>(() => 'sunny');
    const target = session({
      tools: { get_weather: { inputSchema: {}, execute } },
      onFinish: () => {
        throw bug;
      },
    });
    // Before: send() rejected with the callback's error and the tool never ran.
    await target.send('Weather? [scenario:toolUse]');
    expect(execute).toHaveBeenCalledOnce();
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', messages: [{}, {}, {}, {}] });
    expect(reported).toEqual([bug, bug]);
  });

  it('an onError that throws does not keep the next queued message from being sent', async () => {
    const target = session({
      queue: true,
      onError: () => {
        throw new Error('logger failed');
      },
    });
    await Promise.all([target.send('[scenario:overloaded]'), target.send('[scenario:basic]')]);
    expect(chat.requests.map((request) => request.scenario)).toEqual(['overloaded', 'basic']);
    expect(target.getSnapshot().messages.at(-1)).toMatchObject({ status: 'complete' });
    expect(reported).toHaveLength(1);
  });

  it('a subscriber that throws does not keep the others from hearing, nor send() from resolving', async () => {
    const target = session();
    const heard = vi.fn<() => void>();
    target.subscribe(() => {
      throw new Error('render failed');
    });
    target.subscribe(heard);
    await target.send('[scenario:basic]');
    expect(target.getSnapshot().status).toBe('ready');
    expect(heard).toHaveBeenCalled();
    expect(reported.length).toBe(heard.mock.calls.length);
  });
});
