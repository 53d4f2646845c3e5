import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readMessageStream } from '../stream/read-message-stream.ts';
import type { MessageStream } from '../stream/message-stream.ts';
import { controlledBody, sseResponse } from '../test/msw-sse.ts';
import { type StubbedFrames, stubAnimationFrames } from '../test/stub-animation-frames.ts';
import { firstText, textTurn } from '../test/text-turn-events.ts';
import { toSSE } from '../test/transcripts.ts';
import type { TextBlock } from '../types.ts';
import type { ChatMessage } from './chat-message.ts';
import type { ChatSessionSnapshot } from './chat-session-options.ts';
import { createChatSession } from './chat-session.ts';

const { start, blockStart, delta } = textTurn;
const end = textTurn.end(9);

const textOf = firstText;

describe('ChatSession: notification batching', () => {
  it('one notification per frame while streaming, synchronous terminal flush, unchanged messages keep identity', async () => {
    const frames = new Set<() => void>();
    const runFrames = (): void => {
      const due = [...frames];
      frames.clear();
      for (const frame of due) frame();
    };
    const body = controlledBody();
    let stream: MessageStream | undefined;
    const history: ChatMessage[] = Array.from({ length: 1000 }, (_, index) => ({
      id: `h${index}`,
      role: index % 2 ? 'assistant' : 'user',
      content: [{ type: 'text', text: `message ${index}` }],
    }));
    const target = createChatSession({
      initialMessages: history,
      throttle: (callback) => {
        frames.add(callback);
        return () => frames.delete(callback);
      },
      transport: () => (stream = readMessageStream(sseResponse(body.body))),
    });
    const snapshots: ChatSessionSnapshot[] = [];
    target.subscribe(() => snapshots.push(target.getSnapshot()));

    const sending = target.send('go');
    expect(snapshots.map((snapshot) => snapshot.status)).toEqual(['submitted']);
    body.send(toSSE([start, blockStart]));
    // The first content waits for the next frame like every later change: one render per frame.
    await vi.waitFor(() => expect(frames.size).toBe(1));
    expect(snapshots).toHaveLength(1);
    runFrames();
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1]?.status).toBe('streaming');

    for (let index = 0; index < 50; index += 1) body.send(toSSE([delta('a')]));
    await vi.waitFor(() =>
      expect((stream?.snapshot?.message.content[0] as TextBlock | undefined)?.text).toHaveLength(50),
    );
    expect(snapshots).toHaveLength(2);
    expect(frames.size).toBe(1);
    const held = target.getSnapshot();
    expect(target.getSnapshot()).toBe(held);
    expect(textOf(held.messages.at(-1))).toBe('');

    runFrames();
    expect(snapshots).toHaveLength(3);
    const framed = target.getSnapshot();
    expect(framed).not.toBe(held);
    expect(textOf(framed.messages.at(-1))).toBe('a'.repeat(50));
    expect(framed.messages.slice(0, 1001).every((message, index) => message === held.messages[index])).toBe(
      true,
    );
    expect(framed.messages.slice(0, 1000).every((message, index) => message === history[index])).toBe(true);

    body.send(toSSE([delta('b')]));
    await vi.waitFor(() => expect(frames.size).toBe(1));
    expect(snapshots).toHaveLength(3);
    body.send(toSSE(end));
    body.close();
    await sending;
    expect(frames.size).toBe(0); // the synchronous terminal flush cancelled the pending frame
    const completed = snapshots[3]?.messages.at(-1);
    expect(completed).toMatchObject({ status: 'complete', stopReason: 'end_turn' });
    expect(textOf(completed)).toBe(`${'a'.repeat(50)}b`);
    expect(snapshots.at(-1)?.status).toBe('ready');
    expect(snapshots.at(-1)?.messages.slice(0, 1001)).toEqual(framed.messages.slice(0, 1001));
  });

  it('throttle: false notifies on every change', async () => {
    const body = controlledBody(toSSE([start, blockStart, delta('a'), delta('b'), delta('c'), ...end]));
    body.close();
    const target = createChatSession({
      throttle: false,
      transport: () => readMessageStream(sseResponse(body.body)),
    });
    const texts: string[] = [];
    target.subscribe(() => texts.push(textOf(target.getSnapshot().messages[1])));
    await target.send('go');
    expect(texts).toEqual(expect.arrayContaining(['a', 'ab', 'abc']));
  });

  describe("throttle 'frame': the end of a stream", () => {
    let frames: StubbedFrames;
    const runFrame = (): void => frames.runFrame();
    beforeEach(() => {
      frames = stubAnimationFrames();
    });
    afterEach(() => vi.unstubAllGlobals());

    /** Streams `ab`; the end arrives in the frame that showed `a`, or in a later one. */
    async function streamTurn(endInSameFrame: boolean) {
      const body = controlledBody();
      // The stream's own end: onFinish comes only after the session published it.
      let ended = false;
      const target = createChatSession({
        transport: () => {
          const stream = readMessageStream(sseResponse(body.body));
          stream.on('end', () => (ended = true));
          return stream;
        },
      });
      const published: string[] = [];
      target.subscribe(() => published.push(target.getSnapshot().status));
      let resolved = false;
      const sending = target.send('go').then(() => (resolved = true));
      body.send(toSSE([start, blockStart, delta('a')]));
      await vi.waitFor(() => expect(frames.pending()).toBe(1));
      runFrame(); // this frame shows the first tokens
      const shownInFrame = [...published];
      if (!endInSameFrame) runFrame(); // a frame with nothing new passes
      body.send(toSSE([delta('b'), ...end]));
      body.close();
      await vi.waitFor(() => expect(ended).toBe(true));
      await new Promise((resolve) => setTimeout(resolve, 0)); // the promise chain after the stream
      const beforeNextFrame = { resolved, status: target.getSnapshot().status };
      runFrame();
      await sending;
      runFrame();
      return {
        shownInFrame,
        beforeNextFrame,
        published,
        text: textOf(target.getSnapshot().messages[1]),
        framesLeft: frames.pending(),
      };
    }

    it('waits for the next frame when this frame already showed tokens; send() resolves after it', async () => {
      const turn = await streamTurn(true);
      expect(turn.shownInFrame).toEqual(['submitted', 'streaming']);
      expect(turn.beforeNextFrame).toEqual({ resolved: false, status: 'streaming' });
      expect(turn.published).toEqual(['submitted', 'streaming', 'ready']);
      expect(turn.text).toBe('ab');
      expect(turn.framesLeft).toBe(0); // idle: no more frame callbacks
    });

    it('in a tab the user left (no frames run), the answer ends, send() resolves and a queued message goes', async () => {
      const bodies = [controlledBody(), controlledBody()];
      const target = createChatSession({
        queue: true,
        transport: () =>
          readMessageStream(sseResponse(bodies[target.getSnapshot().messages.length > 2 ? 1 : 0]!.body)),
      });
      const first = target.send('go');
      bodies[0]!.send(toSSE([start, blockStart, delta('a')]));
      await vi.waitFor(() => expect(frames.pending()).toBe(1));
      runFrame(); // shown; then the tab is hidden and the browser runs no more frames
      vi.stubGlobal('document', { visibilityState: 'hidden' });
      const second = target.send('and then?');
      bodies[0]!.send(toSSE([delta('b'), ...end]));
      bodies[0]!.close();
      await first;
      expect(target.getSnapshot().messages.map((message) => message.role)).toEqual([
        'user',
        'assistant',
        'user',
      ]);
      expect(textOf(target.getSnapshot().messages[1])).toBe('ab');
      bodies[1]!.send(toSSE([start, blockStart, delta('c'), ...end]));
      bodies[1]!.close();
      await second;
      expect(target.getSnapshot()).toMatchObject({ status: 'ready' });
      expect(textOf(target.getSnapshot().messages[3])).toBe('c');
    });

    it('is published at once when this frame showed nothing yet', async () => {
      const turn = await streamTurn(false);
      expect(turn.beforeNextFrame).toEqual({ resolved: true, status: 'ready' });
      expect(turn.published).toEqual(['submitted', 'streaming', 'ready']);
      expect(turn.text).toBe('ab');
      expect(turn.framesLeft).toBe(0);
    });
  });
});
