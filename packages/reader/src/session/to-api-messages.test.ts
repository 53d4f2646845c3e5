import { checkMessages } from '@chatstream/mocks';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from './chat-message.ts';
import { toAPIMessages } from './to-api-messages.ts';

const user = (text: string): ChatMessage => ({ id: text, role: 'user', content: [{ type: 'text', text }] });
const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } as const;

/** An assistant message of text; the roles of messages as the API gets them. */
const said = (id: string, text: string): ChatMessage => ({
  id,
  role: 'assistant',
  content: [{ type: 'text', text }],
});
const roles = (messages: ChatMessage[]) => toAPIMessages(messages).map((message) => message.role);

describe('toAPIMessages', () => {
  it('keeps role and content only', () => {
    const answer: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'Hi' }],
      status: 'complete',
      stats: undefined,
    };
    expect(toAPIMessages([user('Hello'), answer, user('More')])).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'user', content: [{ type: 'text', text: 'More' }] },
    ]);
  });

  it('trims the trailing whitespace of a final assistant text, dropping what becomes empty', () => {
    const partial: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'Made books \n' }],
    };
    expect(toAPIMessages([user('Q'), partial]).at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Made books' }],
    });
    expect(toAPIMessages([user('Q'), { ...partial, content: [{ type: 'text', text: '  ' }] }])).toHaveLength(
      1,
    );
  });

  it('leaves out tool_use blocks that never got a result (a stopped turn restored without its calls)', () => {
    const stopped: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'Checking' }, toolUse],
      status: 'aborted',
    };
    expect(toAPIMessages([user('Q'), stopped, user('Never mind')])[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'Checking' }],
    });
    const answered: ChatMessage = {
      id: 'r',
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }],
    };
    expect(toAPIMessages([user('Q'), stopped, answered])[1]?.content).toHaveLength(2);
  });

  it('sends the calls of a stopped turn that have a result anyway with it, ahead of the next message', () => {
    const time = { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: { zone: 'UTC' } } as const;
    const stopped: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'Checking' }, toolUse, time],
      status: 'aborted',
      blocks: [
        { streaming: false },
        { streaming: false, inputJson: '{}', inputComplete: true },
        { streaming: false, inputJson: '{"zone":"UTC"}', inputComplete: true },
      ],
      // One call had finished when the user stopped the other.
      toolCalls: {
        toolu_1: { status: 'stopped', result: 'Tool call aborted' },
        toolu_2: { status: 'done', result: { time: '12:00' } },
      },
    };
    expect(toAPIMessages([user('Q'), stopped, user('Never mind')]).slice(1)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'Checking' }, toolUse, time] },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'Tool call aborted', is_error: true },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: '{"time":"12:00"}' },
          { type: 'text', text: 'Never mind' },
        ],
      },
    ]);
  });

  it('sends them in a turn of their own before an assistant message put in after the stop, and keeps turns alternating', () => {
    const stopped: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'Checking' }, toolUse],
      status: 'aborted',
      blocks: [{ streaming: false }, { streaming: false, inputJson: '{}', inputComplete: true }],
      toolCalls: { toolu_1: { status: 'stopped', result: 'Tool call aborted' } },
    };
    const aborted = {
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: 'Tool call aborted',
      is_error: true,
    };
    const agent = [user('Q'), stopped, said('agent', 'Dana here.'), user('Thanks')];
    expect(toAPIMessages(agent)[2]).toEqual({ role: 'user', content: [aborted] });
    expect(roles(agent)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    // One that repairs to nothing: the results go with the next user message, or end the conversation.
    const blank = [user('Q'), stopped, said('blank', '  '), user('Thanks')];
    expect(toAPIMessages(blank)[2]).toEqual({
      role: 'user',
      content: [aborted, { type: 'text', text: 'Thanks' }],
    });
    expect(roles([user('Q'), stopped, said('blank', '  ')])).toEqual(['user', 'assistant', 'user']);
    for (const messages of [agent, blank]) expect(checkMessages(toAPIMessages(messages))).toBeUndefined();
  });

  it('says a settled call without a result of its own was aborted', () => {
    const failed: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [toolUse],
      status: 'error',
      toolCalls: { toolu_1: { status: 'error' } },
    };
    expect(toAPIMessages([user('Q'), failed, user('Again?')])[2]?.content[0]).toEqual({
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: 'Tool call aborted',
      is_error: true,
    });
  });

  it.each(['max_tokens', 'model_context_window_exceeded'] as const)(
    'says a whole call in an answer %s cut off did not run, not that anyone aborted it',
    (stopReason) => {
      const cut: ChatMessage = {
        id: 'a',
        role: 'assistant',
        content: [toolUse],
        status: 'complete',
        stopReason,
        toolCalls: { toolu_1: { status: 'error' } },
      };
      expect(toAPIMessages([user('Q'), cut, user('Go on')])[2]?.content[0]).toEqual({
        type: 'tool_result',
        tool_use_id: 'toolu_1',
        content: `Not run: the answer was cut off (${stopReason}) before the tool could run`,
        is_error: true,
      });
    },
  );

  it('still leaves out calls of a stopped turn with no result, or with their input cut short', () => {
    const base: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'Checking' }, toolUse],
      status: 'aborted',
    };
    const waiting: ChatMessage = { ...base, toolCalls: { toolu_1: { status: 'awaiting-approval' } } };
    const cut: ChatMessage = {
      ...base,
      blocks: [{ streaming: false }, { streaming: false, inputJson: '{"ci', inputComplete: false }],
      toolCalls: { toolu_1: { status: 'error', result: 'Tool call aborted' } },
    };
    const opened: ChatMessage = { ...cut, blocks: [{ streaming: false }, { streaming: true }] };
    for (const stopped of [waiting, cut, opened]) {
      expect(toAPIMessages([user('Q'), stopped, user('Never mind')]).slice(1)).toEqual([
        { role: 'assistant', content: [{ type: 'text', text: 'Checking' }] },
        { role: 'user', content: [{ type: 'text', text: 'Never mind' }] },
      ]);
    }
    // Last, it is continued as a prefill: no message after it can carry a result.
    expect(toAPIMessages([user('Q'), { ...cut, blocks: undefined }]).at(-1)?.content).toEqual([
      { type: 'text', text: 'Checking' },
    ]);
  });

  it('leaves out assistant text blocks with nothing but whitespace anywhere in the conversation', () => {
    const blank: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [
        { type: 'text', text: '' },
        { type: 'text', text: 'Yes.' },
        { type: 'text', text: '\n\n' },
      ],
      status: 'aborted',
    };
    const onlyBlank: ChatMessage = { id: 'b', role: 'assistant', content: [{ type: 'text', text: ' \n ' }] };
    expect(toAPIMessages([user('Q'), blank, user('And?'), onlyBlank, user('Hello?')])).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Q' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Yes.' }] },
      { role: 'user', content: [{ type: 'text', text: 'And?' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hello?' }] },
    ]);
  });

  it('leaves out thinking blocks cut off before their signature, keeps signed ones', () => {
    const stopped: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Done thinking', signature: 'c2ln' },
        { type: 'thinking', thinking: 'Half a thou', signature: '' },
      ],
      status: 'aborted',
    };
    expect(toAPIMessages([user('Q'), stopped, user('Go on')])[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'thinking', thinking: 'Done thinking', signature: 'c2ln' }],
    });
  });

  it('leaves out a server tool call without its result, except in a paused turn sent back last', () => {
    const search = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } };
    const found = { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] };
    const stopped: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'Searching.' }, search],
      status: 'aborted',
    };
    expect(toAPIMessages([user('Q'), stopped, user('Never mind')])[1]?.content).toEqual([
      { type: 'text', text: 'Searching.' },
    ]);
    const answered: ChatMessage = { ...stopped, content: [search, found, { type: 'text', text: 'Done.' }] };
    expect(toAPIMessages([user('Q'), answered, user('Thanks')])[1]?.content).toHaveLength(3);
    const paused: ChatMessage = {
      ...stopped,
      content: [search],
      status: 'complete',
      stopReason: 'pause_turn',
    };
    expect(toAPIMessages([user('Q'), paused]).at(-1)?.content).toEqual([search]);
  });

  it('leaves out tool results whose call is not in the message before (a history trimmed to its latest messages)', () => {
    const results: ChatMessage = {
      id: 'r',
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }],
    };
    const answer: ChatMessage = {
      id: 'a',
      role: 'assistant',
      content: [{ type: 'text', text: 'It is 18 °C.' }],
    };
    expect(toAPIMessages([results, answer, user('Thanks')])).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'It is 18 °C.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
    ]);
  });
});

/** Image bytes with the given first bytes, as base64. */
const base64 = (bytes: number[]) =>
  Buffer.from([...bytes, ...Array.from({ length: 20 }, () => 0)]).toString('base64');
const jpegData = base64([0xff, 0xd8, 0xff, 0xe0]);
const webpData = base64([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBPVP8L')]);
const image = (mediaType: string, data: string) => ({
  type: 'image',
  source: { type: 'base64', media_type: mediaType, data },
});

describe('toAPIMessages: image media types', () => {
  it('labels a base64 image with the format of its bytes, in a message and in a tool result', () => {
    const asked: ChatMessage = { id: 'a', role: 'assistant', content: [toolUse], status: 'complete' };
    const screenshot: ChatMessage = {
      id: 'r',
      role: 'user',
      content: [
        {
          type: 'tool_result',
          tool_use_id: 'toolu_1',
          content: [{ type: 'text', text: 'Screen:' }, image('image/png', webpData)],
        },
      ],
    };
    const photo: ChatMessage = {
      id: 'u',
      role: 'user',
      content: [image('image/png', jpegData), { type: 'text', text: 'What is this?' }],
    };
    const sent = toAPIMessages([photo, asked, screenshot]);
    expect(sent[0]?.content[0]).toEqual(image('image/jpeg', jpegData));
    expect(sent[2]?.content[0]).toEqual({
      type: 'tool_result',
      tool_use_id: 'toolu_1',
      content: [{ type: 'text', text: 'Screen:' }, image('image/webp', webpData)],
    });
    // The conversation itself keeps what it was given.
    expect(photo.content[0]).toEqual(image('image/png', jpegData));
    // The mocks check images as the API does: they take what is sent, and would refuse the labels given.
    expect(checkMessages(sent)).toBeUndefined();
    expect(checkMessages([photo, asked, screenshot].map(({ role, content }) => ({ role, content })))).toMatch(
      /^messages\.0\.content\.0\.image\.source\.base64: The image was specified using the image\/png media type, but the image appears to be a image\/jpeg image$/,
    );
  });

  it('leaves right labels, unknown bytes and other sources as they are', () => {
    const blocks = [
      image('image/jpeg', jpegData),
      image('image/png', 'AAAAAAAAAAAAAAAAAAAA'),
      image('image/png', 'not base64 at all!'),
      { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
      { type: 'tool_result', tool_use_id: 'toolu_1', content: [image('image/jpeg', jpegData)] },
    ];
    const asked: ChatMessage = { id: 'a', role: 'assistant', content: [toolUse], status: 'complete' };
    const message: ChatMessage = { id: 'u', role: 'user', content: [blocks[4]!, ...blocks.slice(0, 4)] };
    const sent = toAPIMessages([user('Q'), asked, message]).at(-1)?.content ?? [];
    expect(sent).toEqual(message.content);
    // Images keep their identity: nothing is copied for them.
    sent.slice(1).forEach((block, index) => expect(block).toBe(blocks[index]));
  });
});
