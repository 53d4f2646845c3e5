import { instanceOf } from '../test/instance-of.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rejection } from '../test/rejection.ts';
import {
  AbortError,
  IncompleteStreamError,
  ProtocolError,
  StreamEventError,
  type ChatStreamError,
} from '../errors.ts';
import { bytesStream, controlledBody } from '../test/msw-sse.ts';
import { toSSE, transcripts } from '../test/transcripts.ts';
import type { ContentBlock, MessageSnapshot, MessageStreamEvent } from '../types.ts';
import type { MessageStream } from './message-stream.ts';
import { readMessageEvents } from './read-message-events.ts';
import { readMessageStream, readTextStream } from './read-message-stream.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

type Event = Record<string, unknown>;

function transcript(name: string): Event[] {
  const events = transcripts[name];
  if (!events) throw new Error(`No transcript ${name}`);
  return events;
}

/** A stream over the transcript's SSE bytes in small chunks (so events straddle chunk boundaries). */
function readTranscript(name: string, chunkSize = 7): MessageStream {
  return readMessageStream(bytesStream(toSSE(transcript(name)), chunkSize));
}

function textDeltas(events: Event[], index?: number): string[] {
  return events.flatMap((event) => {
    const delta = event['delta'] as { type?: string; text?: string } | undefined;
    if (event['type'] !== 'content_block_delta' || delta?.type !== 'text_delta') return [];
    if (index !== undefined && event['index'] !== index) return [];
    return [delta.text ?? ''];
  });
}

function textOf(snapshot: MessageSnapshot | undefined, index = 0): unknown {
  const block = snapshot?.message.content[index] as { text?: unknown } | undefined;
  return block?.text;
}

const EXPECTED_TEXT = 'Hello! Héllo wörld — 你好, 世界 👋🏽. Lines\nand "quotes".';

describe('readMessageStream: events', () => {
  it('for await yields every Anthropic event in order (pings included)', async () => {
    const events: MessageStreamEvent[] = [];
    for await (const event of readTranscript('text')) events.push(event);
    expect(events).toEqual(transcript('text'));
  });

  it('for await skips unknown event and delta types', async () => {
    const events: MessageStreamEvent[] = [];
    for await (const event of readTranscript('serverTools')) events.push(event);
    const known = transcript('serverTools').filter(
      (event) =>
        event['type'] !== 'future_event' &&
        (event['delta'] as { type?: string } | undefined)?.type !== 'future_delta',
    );
    expect(known.length).toBe(transcript('serverTools').length - 2);
    expect(events).toEqual(known);
  });

  it('for await throws the stream error after the events before it', async () => {
    const events: MessageStreamEvent[] = [];
    const stream = readTranscript('midStreamError');
    const error = await rejection(
      (async () => {
        for await (const event of stream) events.push(event);
      })(),
    );
    expect(error).toBeInstanceOf(StreamEventError);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'error',
    ]);
  });

  it('textStream yields exactly the text deltas', async () => {
    const texts: string[] = [];
    for await (const text of readTranscript('citations').textStream) texts.push(text);
    expect(texts).toEqual(textDeltas(transcript('citations')));
    expect(texts).toEqual(['According to the document, ', 'the grass is green']);

    const pieces: string[] = [];
    for await (const text of readTranscript('text').textStream) pieces.push(text);
    expect(pieces).toEqual(textDeltas(transcript('text')));
    expect(pieces.join('')).toBe(EXPECTED_TEXT);
  });

  it('joins text as finalText() does: cited pieces as they are, a blank line after a search', async () => {
    const cited = readTranscript('citations');
    const citedPieces: string[] = [];
    for await (const text of cited.textStream) citedPieces.push(text);
    expect(await cited.finalText()).toBe('According to the document, the grass is green');
    expect(citedPieces.join('')).toBe(await cited.finalText());

    const searched = readTranscript('serverTools');
    const searchedPieces: string[] = [];
    for await (const text of searched.textStream) searchedPieces.push(text);
    expect(searchedPieces).toEqual(["I'll search for that.", '\n\nIt is sunny.']);
    expect(await searched.finalText()).toBe("I'll search for that.\n\nIt is sunny.");

    // A loop begun after the end reads the same.
    const late: string[] = [];
    for await (const text of searched.textStream) late.push(text);
    expect(late.join('')).toBe(await searched.finalText());
  });

  it("on('text') gets each delta and the whole text of its block so far", async () => {
    const stream = readTranscript('citations');
    const calls: [string, string][] = [];
    stream.on('text', (delta, textSoFar) => calls.push([delta, textSoFar]));
    await stream.finalMessage();
    // Each block has its own text: the second block's snapshot does not include the first block.
    expect(calls).toEqual([
      ['According to the document, ', 'According to the document, '],
      ['the grass is green', 'the grass is green'],
    ]);

    const textStream = readTranscript('text');
    let expected = '';
    const mismatches: string[] = [];
    let count = 0;
    textStream.on('text', (delta, textSoFar) => {
      expected += delta;
      count += 1;
      if (textSoFar !== expected) mismatches.push(textSoFar);
    });
    await textStream.finalMessage();
    expect(mismatches).toEqual([]);
    expect(count).toBe(textDeltas(transcript('text')).length);
    expect(expected).toBe(EXPECTED_TEXT);
  });

  it("on('inputJson') gets each fragment and the live partial input", async () => {
    const stream = readTranscript('tools');
    const calls: [string, unknown][] = [];
    stream.on('inputJson', (fragment, input) => calls.push([fragment, structuredClone(input)]));
    const message = await stream.finalMessage();
    const fragments = transcript('tools').flatMap((event) => {
      const delta = event['delta'] as { type?: string; partial_json?: string } | undefined;
      return delta?.type === 'input_json_delta' ? [delta.partial_json ?? ''] : [];
    });
    expect(calls.map(([fragment]) => fragment)).toEqual(fragments);
    // The live reading grows with the JSON: a partial string shows up before it is complete.
    expect(calls.map(([, input]) => input)).toContainEqual({ location: 'San Fr' });
    expect(calls.map(([, input]) => input)).toContainEqual({ location: 'San Francisco, CA', unit: 'c' });
    const first = message.content[1] as { input: unknown };
    expect(calls.findLast(([, input]) => (input as { unit?: string }).unit !== undefined)?.[1]).toEqual(
      first.input,
    );
    expect(first.input).toEqual({
      location: 'San Francisco, CA',
      unit: 'celsius',
      days: [1, 2.5, -300],
      ok: true,
      none: null,
    });
  });

  it("on('contentBlock') gets each finished block; on('message') the final message once", async () => {
    const stream = readTranscript('tools');
    const blocks: ContentBlock[] = [];
    const messages: unknown[] = [];
    stream.on('contentBlock', (block) => blocks.push(block));
    stream.on('message', (message) => messages.push(message));
    const message = await stream.finalMessage();
    expect(blocks).toEqual(message.content);
    expect(blocks.map((block) => block.type)).toEqual(['text', 'tool_use', 'tool_use', 'tool_use']);
    expect(blocks[3]).toEqual({ type: 'tool_use', id: 'toolu_03', name: 'get_time', input: {} });
    expect(messages).toEqual([message]);
    expect(messages[0]).toBe(message);
    expect(message.stop_reason).toBe('tool_use');
  });

  it("'end' comes last and exactly once, after success", async () => {
    const stream = readTranscript('text');
    const log: string[] = [];
    stream.on('connect', () => log.push('connect'));
    stream.on('contentBlock', () => log.push('contentBlock'));
    stream.on('message', () => log.push('message'));
    stream.on('error', () => log.push('error'));
    stream.on('abort', () => log.push('abort'));
    stream.on('end', () => log.push('end'));
    await stream.finalMessage();
    await stream.done();
    expect(log).toEqual(['connect', 'contentBlock', 'message', 'end']);
    expect(stream.status).toBe('complete');
  });

  it("'end' comes last and exactly once, after a failure", async () => {
    const stream = readTranscript('midStreamError');
    const log: string[] = [];
    stream.on('error', () => log.push('error'));
    stream.on('abort', () => log.push('abort'));
    stream.on('end', () => log.push('end'));
    await stream.done();
    expect(log).toEqual(['error', 'end']);
    expect(stream.status).toBe('error');
  });
});

describe('readMessageStream: snapshots', () => {
  it('snapshot is a new object on each change and the same object between changes', async () => {
    const stream = readTranscript('text');
    const seen: MessageSnapshot[] = [];
    const changes: { ping: boolean; changed: boolean }[] = [];
    let previous: MessageSnapshot | undefined;
    const getterMatched: boolean[] = [];
    stream.on('snapshot', (snapshot) => {
      getterMatched.push(stream.snapshot === snapshot);
      seen.push(snapshot);
    });
    stream.on('streamEvent', (event, snapshot) => {
      changes.push({ ping: event.type === 'ping', changed: snapshot !== previous });
      previous = snapshot;
    });
    const message = await stream.finalMessage();
    // A ping changes nothing: the snapshot stays the same object; every other event replaces it.
    expect(changes.filter((change) => change.ping)).toEqual([{ ping: true, changed: false }]);
    expect(changes.filter((change) => !change.ping).every((change) => change.changed)).toBe(true);
    // Every non-ping event changed the snapshot, each time to a distinct object.
    expect(seen.length).toBe(transcript('text').length - 1);
    expect(new Set(seen).size).toBe(seen.length);
    expect(getterMatched.every(Boolean)).toBe(true);
    // Between changes (here: after the end) reading it again gives the same object.
    expect(stream.snapshot).toBe(seen.at(-1));
    expect(stream.snapshot).toBe(stream.snapshot);
    expect(stream.snapshot?.message).toBe(message);
    expect(stream.snapshot?.complete).toBe(true);
  });

  it('earlier snapshots are not mutated by later events', async () => {
    const stream = readTranscript('text');
    const texts: [MessageSnapshot, unknown][] = [];
    stream.on('snapshot', (snapshot) => texts.push([snapshot, textOf(snapshot)]));
    await stream.finalMessage();
    for (const [snapshot, text] of texts) expect(textOf(snapshot)).toBe(text);
  });

  it('blocks that did not change keep their identity across snapshots', async () => {
    const stream = readTranscript('tools');
    let afterFirstBlock: MessageSnapshot | undefined;
    stream.on('streamEvent', (event, snapshot) => {
      if (event.type === 'content_block_stop' && event.index === 0) afterFirstBlock = snapshot;
    });
    await stream.finalMessage();
    const final = stream.snapshot;
    expect(afterFirstBlock).toBeDefined();
    expect(final).not.toBe(afterFirstBlock);
    expect(final?.message).not.toBe(afterFirstBlock?.message);
    expect(final?.message.content).not.toBe(afterFirstBlock?.message.content);
    expect(final?.message.content[0]).toBe(afterFirstBlock?.message.content[0]);
    expect(final?.blocks[0]).toBe(afterFirstBlock?.blocks[0]);
  });
});

describe('readMessageStream: stopping and failures', () => {
  it('breaking out of for await aborts the stream and cancels the body', async () => {
    const body = controlledBody(toSSE(transcript('text').slice(0, 4)));
    const stream = readMessageStream(body.body);
    const aborts: AbortError[] = [];
    const errors: ChatStreamError[] = [];
    stream.on('abort', (error) => aborts.push(error));
    stream.on('error', (error) => errors.push(error));
    for await (const event of stream) {
      if (event.type === 'content_block_delta') break;
    }
    await stream.done();
    expect(stream.status).toBe('aborted');
    expect(body.cancelled).toBe(true);
    expect(aborts).toHaveLength(1);
    expect(errors).toEqual([]);
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(AbortError);
    expect(error.kind).toBe('abort');
    expect(textOf(error.partial)).toBe('Hel');
  });

  it('breaking out of textStream aborts the stream and cancels the body', async () => {
    const body = controlledBody(toSSE(transcript('text').slice(0, 5)));
    const stream = readMessageStream(body.body);
    for await (const text of stream.textStream) {
      expect(text).toBe('Hel');
      break;
    }
    await stream.done();
    expect(stream.status).toBe('aborted');
    expect(body.cancelled).toBe(true);
  });

  it('abort() mid-stream ends it aborted with the partial, and cancels the body', async () => {
    const body = controlledBody(toSSE(transcript('text').slice(0, 5)));
    const stream = readMessageStream(body.body);
    stream.on('text', (_delta, text) => {
      if (text === 'Hello!') stream.abort();
    });
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(AbortError);
    expect(textOf(error.partial)).toBe('Hello!');
    expect(stream.status).toBe('aborted');
    expect(body.cancelled).toBe(true);
  });

  it('a block open when the stream fails is no longer streaming: a tool input is marked incomplete', async () => {
    const events = transcript('tools');
    // Cut inside the second call's input, then an overloaded error.
    const cut =
      events.findIndex((event) => event['index'] === 2 && event['type'] === 'content_block_delta') + 12;
    const failing = [...events.slice(0, cut), transcript('midStreamError').at(-1)!];
    const stream = readMessageStream(bytesStream(toSSE(failing), 9));
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(StreamEventError);
    expect(error.partial?.blocks[2]).toMatchObject({ streaming: false, inputComplete: false });
    expect(error.partial?.blocks.every((progress) => !progress.streaming)).toBe(true);
    expect(stream.snapshot).toBe(error.partial);
    // What was received stays as it was.
    expect(error.partial?.message.content[2]).toMatchObject({ type: 'tool_use', id: 'toolu_02' });
  });

  it('a stream ending without message_stop fails with IncompleteStreamError keeping the partial', async () => {
    const events = transcript('text').slice(0, -1);
    const stream = readMessageStream(bytesStream(toSSE(events), 5));
    const errors: ChatStreamError[] = [];
    stream.on('error', (error) => errors.push(error));
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error.kind).toBe('incomplete');
    expect(textOf(error.partial)).toBe(EXPECTED_TEXT);
    expect(error.partial?.message.stop_reason).toBe('end_turn');
    expect(error.partial?.complete).toBe(false);
    expect(errors).toEqual([error]);
    expect(stream.error).toBe(error);
    expect(stream.status).toBe('error');
  });

  it('an empty body fails with IncompleteStreamError and no partial', async () => {
    const error = await rejection(readMessageStream(bytesStream('')).finalMessage());
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(error.partial).toBeUndefined();
  });

  it('a delta for an unknown block index is a ProtocolError keeping the partial', async () => {
    const sse =
      toSSE(transcript('text').slice(0, 4)) +
      toSSE([{ type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: 'x' } }]) +
      toSSE(transcript('text').slice(4));
    const body = controlledBody(sse);
    const stream = readMessageStream(body.body);
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.kind).toBe('protocol');
    expect(textOf(error.partial)).toBe('Hel');
    expect(stream.status).toBe('error');
    expect(body.cancelled).toBe(true);
  });

  // BUG: pumpEvents awaits `reader.cancel()` when onEvent throws. A cloned Response's body is a
  // tee branch, whose cancel only settles once the other branch is cancelled or the source ends,
  // so the stream stays `streaming` while the server keeps the connection open.
  it('a protocol violation ends the stream even when the response was cloned (tee) and stays open', async () => {
    const source = controlledBody(`${toSSE(transcript('text').slice(0, 5))}data: {"type":\n\n`);
    const response = new Response(source.body, { headers: { 'content-type': 'text/event-stream' } });
    const copy = response.clone();
    const stream = readMessageStream(response);
    await vi.waitFor(() => expect(stream.status).toBe('error'), { timeout: 2000 });
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(textOf(error.partial)).toBe('Hello!');
    await copy.body?.cancel();
  });

  it('invalid JSON data is a ProtocolError keeping the partial', async () => {
    const sse =
      toSSE(transcript('text').slice(0, 5)) +
      'event: content_block_delta\ndata: {"type":"content_block_delta",\n\n' +
      toSSE(transcript('text').slice(5));
    const stream = readMessageStream(bytesStream(sse, 11));
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(textOf(error.partial)).toBe('Hello!');
  });

  it('an error event fails with StreamEventError carrying type, request id and partial', async () => {
    const error = await rejection(readTranscript('midStreamError').finalMessage());
    expect(error).toBeInstanceOf(StreamEventError);
    const typed = instanceOf(error, StreamEventError);
    expect(typed.errorType).toBe('overloaded_error');
    expect(typed.requestId).toBe('req_011');
    expect(textOf(typed.partial)).toBe('Partial answer that gets');
  });

  it('an error event without a type or message still fails with a typed, explained StreamEventError', async () => {
    const events = [...transcript('text').slice(0, 4), { type: 'error', error: {}, request_id: 42 }];
    const error = await rejection(readMessageStream(bytesStream(toSSE(events), 9)).finalMessage());
    expect(error).toBeInstanceOf(StreamEventError);
    const typed = instanceOf(error, StreamEventError);
    expect(typed.errorType).toBe('unknown_error');
    expect(typed.message).toBe('The stream sent an unknown_error event');
    expect(typed.requestId).toBeUndefined();
    expect(textOf(typed.partial)).toBe('Hel');
  });

  it('a listener that throws is reported and does not break the stream or other listeners', async () => {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    const boom = new Error('listener bug');
    const stream = readTranscript('text');
    stream.on('text', () => {
      throw boom;
    });
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    stream.on('message', () => {
      throw boom;
    });
    const message = await stream.finalMessage();
    expect(textOf(stream.snapshot)).toBe(EXPECTED_TEXT);
    expect(message.stop_reason).toBe('end_turn');
    expect(texts.join('')).toBe(EXPECTED_TEXT);
    expect(reported.length).toBe(textDeltas(transcript('text')).length + 1);
    expect(reported.every((error) => error === boom)).toBe(true);
    expect(stream.status).toBe('complete');
  });
});

/** The transcript as a relay with resume sends it, numbered, with its `chatstream-replay` header. */
function relayed(replay: string | undefined): Response {
  const numbered = toSSE(transcript('text'))
    .split('\n\n')
    .filter(Boolean)
    .map((event, index) => `id: ${index + 1}\n${event}\n\n`)
    .join('');
  const headers = new Headers({ 'content-type': 'text/event-stream' });
  if (replay !== undefined) headers.set('chatstream-replay', replay);
  return new Response(bytesStream(numbered, 9), { headers });
}

describe('readMessageStream: a relay replaying an answer begun before (a reconnect)', () => {
  it('knows no time to first token for the replayed events, and rates none of them', async () => {
    const replayed = readMessageStream(relayed(String(transcript('text').length)));
    await replayed.finalMessage();
    expect(replayed.stats.timeToFirstTokenMs).toBeUndefined();
    expect(replayed.stats.tokensPerSecond).toBeUndefined();
    expect(replayed.stats.outputTokens).toBeGreaterThan(0);

    const fresh = readMessageStream(relayed(undefined));
    await fresh.finalMessage();
    expect(fresh.stats.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
  });
});

describe('readMessageStream: stats from counts no API sends', () => {
  it('keeps its estimate when output_tokens is negative or infinite, so progress never runs backwards or full', async () => {
    for (const count of [-5, Infinity]) {
      const events = transcript('text').map((event) =>
        event['type'] === 'message_delta'
          ? { ...event, usage: { ...(event['usage'] as object), output_tokens: count } }
          : event,
      );
      const stream = readMessageStream(bytesStream(toSSE(events), 64), { maxTokens: 1000 });
      await stream.finalMessage();
      expect(stream.stats.outputTokens).toBeGreaterThan(0);
      expect(stream.stats.outputTokens).toBeLessThan(1000);
      expect(stream.stats.outputTokensExact).toBe(false);
      expect(stream.stats.progress).toBeGreaterThan(0);
      expect(stream.stats.progress).toBeLessThan(1);
    }
  });
});

describe('readTextStream (plain data: + [DONE] protocol)', () => {
  it('joins multi-line data with \\n and ends with end_turn at [DONE]', async () => {
    const stream = readTextStream(bytesStream('data: Hello\ndata: world\n\ndata: [DONE]\n\n', 4));
    const texts: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    const message = await stream.finalMessage();
    expect(await stream.finalText()).toBe('Hello\nworld');
    expect(texts).toEqual(['Hello\nworld']);
    expect(message.content).toEqual([{ type: 'text', text: 'Hello\nworld' }]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('without [DONE] fails with IncompleteStreamError keeping the text', async () => {
    const stream = readTextStream(bytesStream('data: Hello\ndata: world\n\n'));
    const error = await rejection(stream.finalMessage());
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect(textOf(error.partial)).toBe('Hello\nworld');
  });
});

describe('readMessageEvents (sink mode)', () => {
  it('delivers every text delta and returns the shell with final stop_reason and usage, no content', async () => {
    const deltas: [string, number][] = [];
    const shell = await readMessageEvents(bytesStream(toSSE(transcript('text')), 9), {
      onText: (delta, index) => deltas.push([delta, index]),
    });
    expect(deltas).toEqual(textDeltas(transcript('text')).map((delta) => [delta, 0]));
    expect(deltas.map(([delta]) => delta).join('')).toBe(EXPECTED_TEXT);
    expect(shell.id).toBe('msg_text');
    expect(shell.content).toEqual([]);
    expect(shell.stop_reason).toBe('end_turn');
    expect(shell.usage).toEqual({ input_tokens: 25, output_tokens: 21 });
  });

  it('hands block starts, tool-input fragments and block stops to the sink', async () => {
    const starts: number[] = [];
    const stops: number[] = [];
    const json: Record<number, string> = {};
    const shell = await readMessageEvents(bytesStream(toSSE(transcript('tools'))), {
      onBlockStart: (_block, index) => starts.push(index),
      onBlockStop: (index) => stops.push(index),
      onInputJson: (fragment, index) => {
        json[index] = (json[index] ?? '') + fragment;
      },
    });
    expect(starts).toEqual([0, 1, 2, 3]);
    expect(stops).toEqual([0, 1, 2, 3]);
    expect(JSON.parse(json[2] ?? '')).toEqual({
      location: 'Zürich é 😀',
      nested: { a: [{ b: 'c' }] },
    });
    expect(json[3]).toBe('');
    expect(shell.stop_reason).toBe('tool_use');
  });

  it('rejects with the typed errors: an error event, and a missing message_stop', async () => {
    const eventError = await rejection(
      readMessageEvents(bytesStream(toSSE(transcript('midStreamError'))), {}),
    );
    expect(eventError).toBeInstanceOf(StreamEventError);
    expect(instanceOf(eventError, StreamEventError).errorType).toBe('overloaded_error');
    const incomplete = await rejection(
      readMessageEvents(bytesStream(toSSE(transcript('text').slice(0, -1))), {}),
    );
    expect(incomplete).toBeInstanceOf(IncompleteStreamError);
  });
});

/** A response carrying the `text` transcript. */
const textResponse = (): Response =>
  new Response(toSSE(transcripts['text'] ?? []), { headers: { 'content-type': 'text/event-stream' } });

describe('readMessageStream: timers once it ended', () => {
  it('leaves no timer pending after finalMessage() resolves, so a Node script exits at once', async () => {
    vi.useFakeTimers();
    const stream = readMessageStream(textResponse(), { totalTimeoutMs: 8000, idleTimeoutMs: 5000 });
    await expect(stream.finalText()).resolves.toBe(EXPECTED_TEXT);
    // Not the 8 s of totalTimeoutMs: nothing holds the event loop open.
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a shared AbortSignal', () => {
  it('serves many streams at once with one listener (Node warns past ten), and stops only those still streaming', async () => {
    const controller = new AbortController();
    const added = vi.spyOn(controller.signal, 'addEventListener');
    const finished = Array.from({ length: 12 }, () =>
      readMessageStream(textResponse(), { signal: controller.signal }),
    );
    await Promise.all(finished.map((stream) => stream.finalMessage()));
    const open = readMessageStream(new ReadableStream<Uint8Array>(), { signal: controller.signal });
    expect(added).toHaveBeenCalledTimes(1);
    controller.abort();
    await open.done();
    expect(open.status).toBe('aborted');
    expect(finished.every((stream) => stream.status === 'complete')).toBe(true);
  });
});
