import { describe, expect, it } from 'vitest';
import { checkMessages } from './check-messages.ts';

const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });
const text = (value: string) => ({ type: 'text', text: value });
const toolUse = (id: string) => ({ type: 'tool_use', id, name: 'get_weather', input: {} });
const toolResult = (id: string) => ({ type: 'tool_result', tool_use_id: id, content: '18 °C' });

/** A result for `toolu_1` holding `content`. */
const result = (content: unknown) => ({ type: 'tool_result', tool_use_id: 'toolu_1', content });

/** A failed result for `toolu_1`, with `content` when given. */
const failed = (content?: unknown) => ({
  type: 'tool_result',
  tool_use_id: 'toolu_1',
  is_error: true,
  ...(content === undefined ? {} : { content }),
});

describe('checkMessages', () => {
  it('takes a conversation with tool calls answered, consecutive turns and a prefill', () => {
    expect(
      checkMessages([
        user('Weather in Paris?'),
        assistant([text('Checking.'), toolUse('toolu_1'), toolUse('toolu_2')]),
        user([toolResult('toolu_1'), toolResult('toolu_2'), text('Thanks')]),
        user('And tomorrow?'),
        assistant([text('Tomorrow it will be')]),
      ]),
    ).toBeUndefined();
    expect(checkMessages([user('Hi'), assistant([])])).toBeUndefined();
    expect(checkMessages([user('Hi'), assistant('')])).toBeUndefined();
  });

  it.each([
    ['no messages', [], 'messages: at least one message is required'],
    ['not an array', 'Hi', 'messages: at least one message is required'],
    [
      'an unknown role',
      [{ role: 'system', content: 'Be brief' }],
      "messages.0.role: must be 'user' or 'assistant'",
    ],
    [
      'content that is not content',
      [user(42)],
      'messages.0.content: must be a string or an array of content blocks',
    ],
    [
      'a block without a type',
      [user([{ text: 'Hi' }])],
      'messages.0.content.0: a content block needs a type',
    ],
    [
      'an empty user message',
      [user([]), assistant([text('Hi')])],
      'messages.0: all messages must have non-empty content except for the optional final assistant message',
    ],
    [
      'an empty assistant message before the last',
      [user('Hi'), assistant(''), user('Hello?')],
      'messages.1: all messages must have non-empty content except for the optional final assistant message',
    ],
    [
      'a blank text block',
      [user('Hi'), assistant([text('\n\n'), text('Yes')]), user('Go on')],
      'messages.1.content.0.text: text content blocks must contain non-whitespace text',
    ],
    [
      'blank string content',
      [user(' ')],
      'messages.0.content.0.text: text content blocks must contain non-whitespace text',
    ],
    [
      'a prefill ending in whitespace',
      [user('Hi'), assistant([text('Sure ')])],
      'messages: final assistant content cannot end with trailing whitespace',
    ],
  ])('refuses %s', (_case, messages, problem) => {
    expect(checkMessages(messages)).toBe(problem);
  });

  it('refuses a tool_use that the next message does not answer, naming every id', () => {
    expect(
      checkMessages([
        user('Hi'),
        assistant([toolUse('toolu_1'), toolUse('toolu_2')]),
        user([toolResult('toolu_2')]),
      ]),
    ).toBe(
      'messages.1: tool_use ids were found without tool_result blocks immediately after: toolu_1. Each tool_use block must have a corresponding tool_result block in the next message.',
    );
    expect(checkMessages([user('Hi'), assistant([toolUse('toolu_1')]), user('Never mind')])).toMatch(
      /^messages\.1: tool_use ids were found without tool_result blocks immediately after: toolu_1\./,
    );
  });

  it('refuses a tool_result that answers no tool_use of the previous message', () => {
    expect(
      checkMessages([
        user('Hi'),
        assistant([toolUse('toolu_1')]),
        user([toolResult('toolu_1')]),
        assistant([text('Done.')]),
        user([toolResult('toolu_1')]),
      ]),
    ).toBe(
      'messages.4.content.0: unexpected tool_use_id found in tool_result blocks: toolu_1. Each tool_result block must have a corresponding tool_use block in the previous message.',
    );
  });

  it('refuses text ahead of the tool results in the answering message', () => {
    expect(
      checkMessages([
        user('Hi'),
        assistant([toolUse('toolu_1')]),
        user([text('Here:'), toolResult('toolu_1')]),
      ]),
    ).toBe(
      'messages.2.content.1: tool_result blocks must come first in the content, before any other block.',
    );
  });

  it('refuses an error result without content, as the API does', () => {
    for (const content of [undefined, '', []]) {
      expect(checkMessages([user('Hi'), assistant([toolUse('toolu_1')]), user([failed(content)])])).toBe(
        'messages.2.content.0.tool_result: content cannot be empty if `is_error` is true',
      );
    }
    expect(
      checkMessages([user('Hi'), assistant([toolUse('toolu_1')]), user([failed('Error')])]),
    ).toBeUndefined();
  });

  it('refuses a result holding blocks a tool_result cannot (rows of data that have a type), taking the ones it can', () => {
    expect(
      checkMessages([
        user('Hi'),
        assistant([toolUse('toolu_1')]),
        user([result([text('a'), { type: 'file', name: 'a.md' }])]),
      ]),
    ).toBe(
      "messages.2.content.0.content.1: Input tag 'file' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'search_result', 'tool_reference', 'browser_state'",
    );
    const image = {
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
    };
    expect(
      checkMessages([user('Hi'), assistant([toolUse('toolu_1')]), user([result([text('a'), image])])]),
    ).toBeUndefined();
  });
});
