import type { AnyChatStreamError } from '../errors.ts';
import { streamMessage } from '../fetch/stream-message.ts';
import { RESUME_HEADER } from '../fetch/relay-headers.ts';
import { isRetryable } from '../fetch/retry-policy.ts';
import type { MessageStream } from '../stream/message-stream.ts';
import type { ChatMessage, ChatMessageStatus } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import { answerMessage } from './answer-message.ts';
import { requestBody, requestHeaders } from './request-body.ts';
import { checkTransportResult } from './check-transport-result.ts';
import type { Run, RunContext } from './run.ts';
import { thrownText } from './thrown-text.ts';
import { callBack } from '../report-error.ts';

/**
 * Streams one assistant turn of `run` into the conversation: a new message, the continuation of
 * the last one, or the read-on of a restored answer from its relay stream. Its failure lands in
 * the state's `error`; a stop marks the run `stopped`.
 */
export async function streamTurn(context: RunContext, run: Run, continuing: boolean): Promise<void> {
  const { state, options } = context;
  const { signal } = run.controller;
  const { reconnect } = run;
  run.reconnect = undefined;
  const base = continuing ? state.messages.at(-1) : undefined;
  const opened = openTurnStream(context, run, base, reconnect);
  if (!opened) return;
  const { id, stream } = opened;
  state.stream = stream;
  const place = { id, base };
  const build = (status: ChatMessageStatus, error?: AnyChatStreamError): ChatMessage =>
    answerMessage(stream, place, options.tools, status, error);
  const abort = (): void => stream.abort();
  signal.addEventListener('abort', abort);
  // Stopped already, by a listener of `submitted`: the listener above never hears of it.
  if (signal.aborted) abort();
  stream.on('retry', (info) => {
    if (!context.owns(run)) return;
    state.retrying = info;
    // The failed attempt's message had no content (retries only come before any): the answer
    // waits without it, as before a first attempt, and the next attempt starts it again.
    if (state.live) {
      state.live = undefined;
      state.status = 'submitted';
      if (base) state.put(build('streaming'));
      else state.messages = state.messages.filter((message) => message.id !== id);
    }
    state.notify();
  });
  stream.on('snapshot', () => {
    if (!context.owns(run)) return;
    state.retrying = undefined;
    if (state.live) {
      state.live.dirty = true;
      return state.notify(false);
    }
    state.live = { id, build: () => build('streaming'), dirty: false };
    state.put(state.live.build(), true);
    state.status = 'streaming';
    // The first content joins the next batch like every later one: published at once, it was a
    // second render in that frame (the Chromium benchmark counted 3 commits in the first frame).
    state.notify(false);
  });
  const error = await stream.finalMessage().then(
    () => undefined,
    (caught: unknown) => caught as AnyChatStreamError,
  );
  await stream.done();
  signal.removeEventListener('abort', abort);
  reportUsage(context, id, stream, error, reconnect !== undefined);
  if (!context.owns(run)) return;
  state.live = undefined;
  state.retrying = undefined;
  const kind = error?.kind;
  if (reconnect && !stream.snapshot) {
    // Nothing came back: the answer stays as it was (stopped, or failed with its error). It keeps
    // its stream for a later try only when the relay could not be reached, not when it said it no
    // longer has the stream or the user stopped.
    const restored = state.messages.find((message) => message.id === id);
    if (restored && !(error && isRetryable(error))) state.put({ ...restored, streamId: undefined });
    // Refused rather than gone (a 403 from a framework's cross-site check, a sign-in that ended):
    // said, not passed off as the answer stopped.
    if (error?.kind === 'http' && error.status !== 404 && !isRetryable(error)) state.error = error;
    else if (restored?.status === 'error') {
      state.error = restored.error;
      run.failedAsBefore = true;
    }
    return;
  }
  if (kind !== 'abort') state.error = error;
  else run.stopped = true;
  if (!base && kind && stream.snapshot?.message.content.length === 0) {
    // Begun (`message_start`) but nothing came: the conversation is left as a failure before any
    // answer leaves it, not with an empty answer to show.
    state.messages = state.messages.filter((message) => message.id !== id);
  } else if (stream.snapshot || base) {
    const status = !kind ? 'complete' : kind === 'abort' ? 'aborted' : kind === 'incomplete' ? kind : 'error';
    const message = build(status, state.error);
    state.put(message);
    if (status === 'complete') run.finished = message;
  }
  // Published by whatever comes next in this same chain (the final status, the tool calls
  // starting, the next request): one render for both instead of two in one frame.
  state.changed = true;
}

/**
 * Makes the request of a turn: its answer's id and stream, or `undefined` with the state's error
 * set. Whatever throws on the way (a header no request can carry, an id generator, a `transport`)
 * is a `setup` failure, shown like any other (Retry, once set up right), not a rejected `send()`
 * with the question left unanswered and nobody told.
 */
function openTurnStream(
  context: RunContext,
  run: Run,
  base: ChatMessage | undefined,
  reconnect: Run['reconnect'],
): { id: string; stream: MessageStream } | undefined {
  const { state, options } = context;
  const { signal } = run.controller;
  const messages = state.messages;
  try {
    const id = reconnect?.id ?? base?.id ?? context.newId();
    run.answerId = id;
    const body = reconnect ? undefined : requestBody(options, messages, run.request);
    // What a stop or a trimmed history left may repair down to nothing: no request for the API to refuse.
    if (body && !(body['messages'] as unknown[] | undefined)?.length) {
      state.error = new ChatSessionError('empty-message', 'Nothing in the conversation can be sent');
      return undefined;
    }
    const headers = requestHeaders(options, run.request);
    if (reconnect) {
      headers.set(RESUME_HEADER, reconnect.streamId);
      // Typed though bodiless: a POST of no type passes for a cross-site form, which frameworks refuse.
      headers.set('content-type', 'application/json');
    }
    state.setStatus('submitted');
    const stream =
      options.transport && body
        ? checkTransportResult(options.transport({ messages, body, headers, signal }))
        : streamMessage({ url: options.api ?? '/api/chat', body, headers }, { ...options });
    return { id, stream };
  } catch (thrown) {
    state.error = new ChatSessionError('setup', thrownText(thrown), thrown);
    return undefined;
  }
}

/**
 * Tells `onUsage` what the request behind `stream` used, when the API began to answer it. The plain
 * text protocol carries no usage: nothing to tell.
 */
function reportUsage(
  context: RunContext,
  answerId: string,
  stream: MessageStream,
  error: AnyChatStreamError | undefined,
  readOn: boolean,
): void {
  const message = stream.snapshot?.message;
  if (!message || context.options.protocol === 'text') return;
  const { usage } = message;
  const { outputTokens, outputTokensExact } = stream.stats;
  // Heard however the run went on: a conversation put in its place (setMessages) still paid for it.
  callBack(context.options.onUsage, {
    answerId,
    messageId: message.id,
    readOn,
    outcome: !error ? 'complete' : error.kind === 'abort' ? 'aborted' : 'error',
    usage,
    outputTokens,
    outputTokensExact,
  });
}
