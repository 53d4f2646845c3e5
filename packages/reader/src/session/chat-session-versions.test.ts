import { faultScenarios, scenario, stall, withFaults } from '@chatstream/mocks';
import { setupChatServer } from '@chatstream/mocks/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TextBlock } from '../types.ts';
import type { ChatMessage } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import { type ChatSession, createChatSession } from './chat-session.ts';
import type { ExportedVersions } from './message-versions.ts';

const API = 'http://chat.test/api/chat';
const chat = setupChatServer({ timing: 'instant' });
beforeAll(() => chat.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => chat.reset());
afterAll(() => chat.server.close());

const session = (): ChatSession => createChatSession({ api: API, throttle: false, retry: false });

const answer = (text: string) => scenario(text).text(text).stop('end_turn');

const textOf = (message: ChatMessage | undefined): string =>
  (message?.content ?? []).map((block) => (block.type === 'text' ? (block as TextBlock).text : '')).join('');

/** The conversation as `role: text` lines. */
const transcript = (target: ChatSession): string[] =>
  target.getSnapshot().messages.map((message) => `${message.role}: ${textOf(message)}`);

const sentMessages = (index: number): unknown =>
  (chat.requests[index]?.body as { messages?: unknown } | undefined)?.messages;

/** Makes a session from saved versions that may be anything. */
const sessionWith = (initialVersions: unknown) => () =>
  createChatSession({ api: API, initialVersions: initialVersions as ExportedVersions });

describe('ChatSession: versions of edited and regenerated messages', () => {
  it('keeps the answer regenerate replaced, and shows either', async () => {
    const target = session();
    chat.use(answer('First answer.'));
    await target.send('Hello');
    const [, first] = target.getSnapshot().messages;
    expect(target.getSnapshot().versions).toEqual({});

    chat.use(answer('Second answer.'));
    await target.regenerate();
    const [, second] = target.getSnapshot().messages;
    expect(target.getSnapshot().versions).toEqual({ [second!.id]: { index: 1, count: 2 } });

    target.showVersion(second!.id, 0);
    expect(transcript(target)).toEqual(['user: Hello', 'assistant: First answer.']);
    expect(target.getSnapshot().messages[1]).toBe(first);
    expect(target.getSnapshot().versions).toEqual({ [first!.id]: { index: 0, count: 2 } });

    target.showVersion(first!.id, 1);
    expect(target.getSnapshot().messages[1]).toBe(second);
    expect(chat.requests).toHaveLength(2);
  });

  it('keeps the question an edit replaced, with what followed it; the edited message keeps its id', async () => {
    const target = session();
    chat.use(answer('Paris.'));
    await target.send('Capital of France?');
    chat.use(answer('Nice.'));
    await target.send('And a city by the sea?');
    const [question] = target.getSnapshot().messages;

    chat.use(answer('Berlin.'));
    await target.edit(question!.id, 'Capital of Germany?');
    expect(transcript(target)).toEqual(['user: Capital of Germany?', 'assistant: Berlin.']);
    expect(target.getSnapshot().messages[0]?.id).toBe(question!.id);
    expect(target.getSnapshot().versions).toEqual({ [question!.id]: { index: 1, count: 2 } });

    target.showVersion(question!.id, 0);
    expect(transcript(target)).toEqual([
      'user: Capital of France?',
      'assistant: Paris.',
      'user: And a city by the sea?',
      'assistant: Nice.',
    ]);
    // The earlier version is another message: its own id, so both can be told apart and shown.
    const earlier = target.getSnapshot().messages[0]!;
    expect(earlier.id).not.toBe(question!.id);
    expect(target.getSnapshot().versions).toEqual({ [earlier.id]: { index: 0, count: 2 } });
  });

  it('keeps versions inside versions: an earlier question comes back with its regenerated answers', async () => {
    const target = session();
    chat.use(answer('One.'));
    await target.send('Count');
    chat.use(answer('Two.'));
    await target.regenerate();
    const [question, two] = target.getSnapshot().messages;

    chat.use(answer('Uno.'));
    await target.edit(question!.id, 'Count in Spanish');
    expect(target.getSnapshot().versions).toEqual({ [question!.id]: { index: 1, count: 2 } });

    target.showVersion(question!.id, 0);
    const earlier = target.getSnapshot().messages[0]!;
    expect(transcript(target)).toEqual(['user: Count', 'assistant: Two.']);
    expect(target.getSnapshot().versions).toEqual({
      [earlier.id]: { index: 0, count: 2 },
      [two!.id]: { index: 1, count: 2 },
    });
    target.showVersion(two!.id, 0);
    expect(transcript(target)).toEqual(['user: Count', 'assistant: One.']);

    target.showVersion(earlier.id, 1);
    expect(transcript(target)).toEqual(['user: Count in Spanish', 'assistant: Uno.']);
  });

  it('goes on from the version shown: the next request sends it, and a follow-up stays with it', async () => {
    const target = session();
    chat.use(answer('A.'));
    await target.send('Question');
    chat.use(answer('B.'));
    await target.regenerate();
    const [, b] = target.getSnapshot().messages;
    target.showVersion(b!.id, 0);
    const [, a] = target.getSnapshot().messages;

    chat.use(answer('Follow-up answer.'));
    await target.send('Follow-up');
    expect(sentMessages(2)).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Question' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'A.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Follow-up' }] },
    ]);
    target.showVersion(a!.id, 1);
    expect(transcript(target)).toEqual(['user: Question', 'assistant: B.']);
    target.showVersion(b!.id, 0);
    expect(transcript(target)).toEqual([
      'user: Question',
      'assistant: A.',
      'user: Follow-up',
      'assistant: Follow-up answer.',
    ]);
  });

  it('ends as the version shown ends: a failed version shows its error again, a finished one is ready', async () => {
    const target = session();
    chat.use(scenario('cut').text('Half an').error('overloaded_error', 'Overloaded'));
    await target.send('Tell me');
    expect(target.getSnapshot().status).toBe('error');
    chat.use(answer('Whole answer.'));
    await target.regenerate();
    const [, whole] = target.getSnapshot().messages;
    expect(target.getSnapshot().status).toBe('ready');

    target.showVersion(whole!.id, 0);
    expect(target.getSnapshot()).toMatchObject({ status: 'error', error: { errorType: 'overloaded_error' } });
    const [, failed] = target.getSnapshot().messages;
    target.showVersion(failed!.id, 1);
    expect(target.getSnapshot()).toMatchObject({ status: 'ready', error: undefined });
  });

  it('adds no empty version when a regeneration fails before its answer began and Retry asks again', async () => {
    const target = session();
    chat.use(answer('First.'));
    await target.send('Hi');
    chat.use(faultScenarios.badRequest);
    await target.regenerate();
    expect(target.getSnapshot().messages).toHaveLength(1);
    chat.use(answer('Second.'));
    await target.retry();
    const [, second] = target.getSnapshot().messages;
    expect(target.getSnapshot().versions).toEqual({ [second!.id]: { index: 1, count: 2 } });
    target.showVersion(second!.id, 0);
    expect(transcript(target)).toEqual(['user: Hi', 'assistant: First.']);
  });

  it('refuses to switch while an answer streams, an unknown message, and a version that is not there', async () => {
    const target = session();
    chat.use(answer('One.'));
    await target.send('Hi');
    const [question, one] = target.getSnapshot().messages;
    expect(() => target.showVersion(one!.id, 0)).toThrow(
      expect.objectContaining({ kind: 'session', code: 'unknown-message' }),
    );
    chat.use(answer('Two.'));
    await target.regenerate();
    const [, two] = target.getSnapshot().messages;
    expect(() => target.showVersion(two!.id, 2)).toThrow(RangeError);
    expect(() => target.showVersion(two!.id, -1)).toThrow(RangeError);
    expect(() => target.showVersion(two!.id, 0.5)).toThrow(RangeError);
    expect(() => target.showVersion(question!.id, 0)).toThrow(ChatSessionError);

    chat.use(withFaults(answer('Slow.'), stall(10_000, 3)));
    const sending = target.send('More');
    expect(() => target.showVersion(two!.id, 0)).toThrow(expect.objectContaining({ code: 'busy' }));
    await target.stop();
    await sending;
    // Showing the version already shown changes nothing.
    const before = target.getSnapshot();
    target.showVersion(two!.id, 1);
    expect(target.getSnapshot()).toBe(before);
  });

  it('keeps one versions object while tokens stream, and forgets them all on clear and setMessages', async () => {
    const target = createChatSession({ api: API, retry: false, throttle: 'frame' });
    chat.use(answer('One.'));
    await target.send('Hi');
    chat.use(answer('Two.'));
    await target.regenerate();
    const { versions } = target.getSnapshot();
    const seen = new Set<unknown>();
    target.subscribe(() => seen.add(target.getSnapshot().versions));
    chat.use(answer('A longer follow-up answer, streamed in several deltas.'));
    await target.send('More');
    expect([...seen]).toEqual([versions]);

    target.setMessages((messages) => messages.slice(0, 2));
    expect(target.getSnapshot().versions).toEqual({});
    chat.use(answer('Three.'));
    await target.regenerate();
    expect(Object.keys(target.getSnapshot().versions)).toHaveLength(1);
    target.clear();
    expect(target.getSnapshot().versions).toEqual({});
  });

  it('saves its versions as plain data and a new session takes them back, versions inside versions too', async () => {
    const target = session();
    chat.use(answer('One.'));
    await target.send('Count');
    chat.use(answer('Two.'));
    await target.regenerate();
    const [question] = target.getSnapshot().messages;
    chat.use(answer('Uno.'));
    await target.edit(question!.id, 'Count in Spanish');

    const saved = JSON.parse(
      JSON.stringify({ messages: target.getSnapshot().messages, versions: target.exportVersions() }),
    ) as { messages: ChatMessage[]; versions: ExportedVersions };
    // The version shown is not saved twice: the messages hold it.
    expect(saved.versions.places.map((place) => place.versions[place.shown])).toEqual([[], []]);

    const reloaded = createChatSession({
      api: API,
      throttle: false,
      retry: false,
      initialMessages: saved.messages,
      initialVersions: saved.versions,
    });
    expect(reloaded.getSnapshot().versions).toEqual(target.getSnapshot().versions);
    reloaded.showVersion(question!.id, 0);
    expect(transcript(reloaded)).toEqual(['user: Count', 'assistant: Two.']);
    const [earlier, two] = reloaded.getSnapshot().messages;
    reloaded.showVersion(two!.id, 0);
    expect(transcript(reloaded)).toEqual(['user: Count', 'assistant: One.']);
    reloaded.showVersion(earlier!.id, 1);
    expect(transcript(reloaded)).toEqual(['user: Count in Spanish', 'assistant: Uno.']);
  });

  it('refuses saved versions that are not what exportVersions() gave, naming the place', () => {
    expect(sessionWith({})).toThrow(new TypeError('initialVersions must be what exportVersions() returned'));
    expect(sessionWith({ places: [{ after: null, versions: [[], []], shown: 2 }] })).toThrow(
      new TypeError('initialVersions.places[0] is not a saved place'),
    );
    expect(sessionWith({ places: [{ after: 'a', versions: [[]], shown: 0 }] })).toThrow(TypeError);
    expect(sessionWith({ places: [{ after: 'a', versions: [[{ id: 'x' }], []], shown: 1 }] })).toThrow(
      TypeError,
    );
    expect(sessionWith({ places: [] })).not.toThrow();
  });
});
