import { createChatSession } from '@chatstream/reader';
import { describe, expect, it } from 'vitest';
import { splitChatOptions } from './split-chat-options.ts';

const onError = (): void => undefined;

describe('splitChatOptions', () => {
  it('hands the chat options to the hook and everything else to the rest, leaving the props alone', () => {
    const chat = createChatSession();
    const props = { chat, maxTokens: 512, onError, className: 'mine', 'data-x': '1', showStats: true };
    const [options, rest] = splitChatOptions(props);
    expect(options).toEqual({ chat, maxTokens: 512, onError });
    expect(rest).toEqual({ className: 'mine', 'data-x': '1', showStats: true });
    expect(props).toEqual({
      chat,
      maxTokens: 512,
      onError,
      className: 'mine',
      'data-x': '1',
      showStats: true,
    });
  });

  it('leaves out options set to undefined, so they do not erase a shared session’s own', () => {
    const [options, rest] = splitChatOptions({ api: undefined, model: undefined, id: 'chat' });
    expect(options).toEqual({});
    expect(Object.keys(options)).toEqual([]);
    expect(rest).toEqual({ id: 'chat' });
  });
});
