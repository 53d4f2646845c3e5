import type { AnyChatStreamError } from '../errors.ts';
import { callBack } from '../report-error.ts';
import { streamMessage } from '../fetch/stream-message.ts';
import { isRetryable } from '../fetch/retry-policy.ts';
import type { MessageStream } from '../stream/message-stream.ts';
import type { RetryInfo } from '../stream/message-stream-events.ts';
import type { ToolUseBlock } from '../types.ts';
import type { ChatInput, ChatMessage, ChatMessageStatus, ToolCallState } from './chat-message.ts';
import { onAbort } from '../on-abort.ts';
import { ChatSessionError } from './chat-session-error.ts';
import type { ChatSessionOptions, ChatSessionSnapshot, ChatSessionStatus } from './chat-session-options.ts';
import { answerMessage } from './answer-message.ts';
import { holdsToolResults, isAnswer, reconnectable } from './answer-predicates.ts';
import { toContent } from './chat-input.ts';
import { executeToolCall } from './execute-tool-call.ts';
import { createMessageIndex, type MessageIndex } from './message-index.ts';
import { createVersionStore, type ExportedVersions } from './message-versions.ts';
import { createNotifyScheduler, type NotifyScheduler } from './notify-scheduler.ts';
import { type ChatRequestOptions, requestBody, requestHeaders } from './request-body.ts';
import { withSavedToolCalls } from './saved-tool-calls.ts';
import { restoreMessages, reviveError } from './restore-messages.ts';
import {
  DENIED_RESULT,
  finishedCall,
  isSettled,
  passedOverCall,
  stoppedCall,
  toolResultBlocks,
} from './tool-results.ts';
import { checkSessionOptions } from './check-session-options.ts';
import { checkTransportResult } from './check-transport-result.ts';
import { isTrimOf } from './is-trim-of.ts';
import type { Run } from './run.ts';

/**
 * The conversation store: messages in the Anthropic shape with UI state beside them, one active
 * stream at a time, client tools with a step cap, and change notifications batched to animation
 * frames while tokens stream. Framework-free: bind it with `useSyncExternalStore(subscribe, getSnapshot)`.
 */
export class ChatSession {
  #options: ChatSessionOptions;
  #messages: readonly ChatMessage[];
  #status: ChatSessionStatus = 'ready';
  #error: AnyChatStreamError | undefined;
  #stream: MessageStream | undefined;
  #retrying: RetryInfo | undefined;
  #snapshot: ChatSessionSnapshot;
  #changed = false;
  /** The streaming message, rebuilt from the stream's snapshot at most once per flush. */
  #live: { id: string; build: () => ChatMessage; dirty: boolean } | undefined;
  #run: Run | undefined;
  #steps = 0;
  /**
   * The body and headers of the request that began the conversation's current turn (a send, an
   * edit, a regeneration): the turns that go on from it (an approval, Continue) carry them too.
   */
  #request: ChatRequestOptions = {};
  #ids = 0;
  #idPrefix: string | undefined;
  readonly #queue: (() => void)[] = [];
  readonly #listeners = new Set<() => void>();
  readonly #notifier: NotifyScheduler;
  readonly #index: MessageIndex;
  readonly #versions = createVersionStore();

  constructor(options: ChatSessionOptions = {}) {
    checkSessionOptions(options);
    this.#options = options;
    this.#messages = withSavedToolCalls(restoreMessages(options.initialMessages ?? []), options.tools);
    if (options.initialVersions !== undefined) this.#versions.restore(options.initialVersions);
    this.#endAsGiven(reviveError(options.initialError));
    this.#snapshot = this.#build();
    this.#index = createMessageIndex(this.#messages);
    this.#notifier = createNotifyScheduler(
      () => this.#flush(),
      () => this.#options.throttle ?? 'frame',
    );
  }

  /** Calls `listener` after each published change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The current state: the same object until the next notification. */
  getSnapshot(): ChatSessionSnapshot {
    return this.#snapshot;
  }

  /**
   * Calls `listener` after a published change of the message with this id only (its update,
   * removal or arrival), so a row can follow its own message at a cost that does not grow with the
   * conversation. Returns the unsubscribe function.
   */
  subscribeMessage(id: string, listener: () => void): () => void {
    return this.#index.subscribe(id, listener, this.#snapshot.messages);
  }

  /** The message with this id in the current snapshot (the same object until it changes). */
  getMessage(id: string): ChatMessage | undefined {
    return this.#index.get(id, this.#snapshot.messages);
  }

  /** The ids of the current snapshot's messages: the same array until one is added, removed or moved. */
  getMessageIds(): readonly string[] {
    return this.#index.ids(this.#snapshot.messages);
  }

  /**
   * Appends a user message and streams the answer, running client tools and continuing up to
   * `maxSteps` turns. Resolves when the session is idle again (stream failures land in `error`,
   * they do not reject); rejects with a `busy` {@link ChatSessionError} while another request is
   * active, unless `queue` is on.
   */
  send(input: ChatInput, options: ChatRequestOptions = {}): Promise<void> {
    return this.#begin(options, () => {
      // Checked first: an empty message changes nothing, waiting calls included.
      const content = toContent(input);
      this.#endWaitingCalls();
      this.#messages = [...this.#messages, { id: this.#id(), role: 'user', content }];
    });
  }

  /**
   * Calls still waiting for approval or a result when the user writes something else would never be
   * answered (approving them later is not possible): they end as the user left them, declined or
   * without a result, and go to the model with the new message.
   */
  #endWaitingCalls(): void {
    const calls = Object.values(this.#messages.at(-1)?.toolCalls ?? {});
    if (!calls.some((call) => call.status.startsWith('awaiting-'))) return;
    this.#patchCalls(passedOverCall, false);
  }

  /**
   * Aborts the active request and running tool executions; resolves once the stream is released.
   * The partial message stays, marked `aborted`; the session goes back to `ready` (queued requests then start).
   */
  async stop(): Promise<void> {
    const run = this.#run;
    run?.controller.abort();
    await run?.done?.catch(() => undefined);
  }

  /**
   * Drops the assistant message `messageId` (default: the last message, when it is one) and all after
   * it, and asks again; rejects with `unknown-message` when there is no such message or nothing before it.
   * What it dropped stays an earlier version of that answer (see {@link ChatSession.showVersion}).
   */
  regenerate(messageId?: string): Promise<void> {
    return this.#regenerate(messageId, {});
  }

  #regenerate(messageId: string | undefined, request: ChatRequestOptions): Promise<void> {
    return this.#begin(request, () => {
      const messages = this.#messages;
      const index =
        messageId === undefined
          ? messages.length - (messages.at(-1)?.role === 'assistant' ? 1 : 0)
          : messages.findIndex((message) => message.id === messageId && message.role === 'assistant');
      if (index < 0) throw new ChatSessionError('unknown-message', `No assistant message "${messageId}"`);
      // An answer to an answer (a human agent's message put in with setMessages) answers no question.
      if (messages[index - 1]?.role !== 'user') {
        throw new ChatSessionError('unknown-message', 'No question before it to answer again');
      }
      this.#versions.branch(messages, index);
      this.#messages = messages.slice(0, index);
    });
  }

  /**
   * Replaces the content of user message `messageId`, drops everything after it, and asks again. The
   * message keeps its id; the question as it was, with what followed it, stays an earlier version
   * (see {@link ChatSession.showVersion}).
   */
  edit(messageId: string, content: ChatInput): Promise<void> {
    return this.#begin({}, () => {
      const index = this.#messages.findIndex(
        (message) => message.id === messageId && message.role === 'user',
      );
      if (index < 0) throw new ChatSessionError('unknown-message', `No user message "${messageId}"`);
      const replacement = toContent(content);
      // The edited message keeps its id; the version it replaces is kept under a new one.
      this.#versions.branch(this.#messages, index, this.#id());
      this.#messages = [
        ...this.#messages.slice(0, index),
        { id: messageId, role: 'user', content: replacement },
      ];
    });
  }

  /**
   * Recovers after a failure. An answer whose relay may still stream it (see `reconnect`) is read
   * on there first. A failed, stopped or `max_tokens`-cut answer holding only text is continued:
   * it is sent back as the final assistant message and the continuation is appended to that same
   * message. Tool calls stopped while they ran run again, and the conversation goes on. A
   * conversation stopped at `maxSteps` goes on (its tool results sent, its paused turn continued).
   * Anything else is regenerated.
   */
  retry(): Promise<void> {
    // What to do depends on how the stopped answer ends up.
    const stopped = this.#windingDown();
    if (stopped) return stopped.then(() => this.retry());
    const last = this.#messages.at(-1);
    if (!this.#run && reconnectable(last, this.#options)) {
      // The relay may still be streaming it: read on there; only if it cannot, ask again.
      const reconnecting = this.reconnect();
      // The run reconnect() started (the check above has TypeScript think there is none).
      const signal = (this.#run as Run | undefined)?.controller.signal;
      return reconnecting.then(() => {
        const now = this.#messages.at(-1);
        // A stop during the reconnect is the user's last word: no new request after it.
        return !signal?.aborted &&
          now?.id === last?.id &&
          now?.streamId === undefined &&
          now?.status !== 'complete'
          ? this.retry()
          : undefined;
      });
    }
    const continuable =
      last?.role === 'assistant' &&
      (['error', 'incomplete', 'aborted'].includes(last.status ?? '') ||
        (last.status === 'complete' && last.stopReason === 'max_tokens')) &&
      last.content.length > 0 &&
      last.content.every((block) => block.type === 'text');
    if (continuable) return this.#begin(this.#request, () => undefined, true);
    if (!this.#run && Object.values(last?.toolCalls ?? {}).some((call) => call.status === 'stopped')) {
      this.#patchCalls((call) => (call.status === 'stopped' ? { status: 'running' } : call), false);
      return this.#begin(this.#request, () => undefined);
    }
    // A paused turn whose continuation failed before anything came is continued, not asked again
    // (its server tools, paid for, would run again).
    if (last?.role === 'assistant' && last.stopReason === 'pause_turn' && last.status !== 'complete') {
      return this.#begin(this.#request, () => undefined, true);
    }
    // Stopped at maxSteps: tool results to send, or a paused turn to go on with. The loop goes on.
    const goesOn =
      holdsToolResults(last) || (last?.status === 'complete' && last.stopReason === 'pause_turn');
    // Asked again as it was asked: with the body and headers of its send.
    return goesOn ? this.#begin(this.#request, () => undefined) : this.#regenerate(undefined, this.#request);
  }

  /**
   * Reads on the last answer from the relay that keeps its streams (`resume` in
   * `@chatstream/server`), when it was streaming as the conversation was saved (a page reload
   * mid-answer), lost its connection for longer than `streamMessage` kept trying, or timed out: the relay
   * replays it and goes on live, so the answer completes as if nothing happened, generated once.
   * Then the conversation goes on as after any answer (its tool calls run). `useStreamingChat`
   * calls it when it creates its session; `retry()` tries it first.
   *
   * Does nothing when the last message is not such an answer, when a request is active, or with a
   * custom `transport`. When the relay no longer has the stream (it expired, or another server
   * instance holds it), the answer stays as it was: stopped or failed, for `retry()` to continue.
   * When the relay cannot be reached (offline, a 5xx), it stays as it was too, and keeps its stream
   * id for a later call (`reconnectOnReturn` makes one when the page is back online).
   */
  reconnect(): Promise<void> {
    const last = this.#messages.at(-1);
    return !this.#run && reconnectable(last, this.#options)
      ? this.#begin(this.#request, () => undefined, false, false, { id: last.id, streamId: last.streamId })
      : Promise.resolve();
  }

  /**
   * Answers a tool call that waits for a result (a tool without `execute`). Once every call of the
   * turn has its result, the results are sent and the conversation continues.
   */
  addToolResult(toolUseId: string, result: unknown, options: { isError?: boolean | undefined } = {}): void {
    this.#settleCall(toolUseId, 'awaiting-result', finishedCall(result, options.isError));
  }

  /** Approves (the tool runs, or waits for `addToolResult` without `execute`) or denies (an error result) a `needsApproval` call. */
  approveToolCall(toolUseId: string, approved: boolean): void {
    const block = this.#messages.at(-1)?.content.find((item) => item['id'] === toolUseId) as ToolUseBlock;
    const tool = block && this.#options.tools?.[block.name];
    this.#settleCall(
      toolUseId,
      'awaiting-approval',
      approved
        ? { status: typeof tool?.execute === 'function' ? 'running' : 'awaiting-result' }
        : { status: 'denied', result: DENIED_RESULT },
    );
  }

  /**
   * Shows version `index` (from 0, the oldest) of the place of message `messageId` in the
   * conversation: an edited question or a regenerated answer, with everything that followed it in
   * that version. `snapshot.versions` says which messages have versions and which one is shown.
   *
   * @throws {ChatSessionError} `busy` while a response streams, `unknown-message` when the message is
   *   not shown or its place has no other versions.
   * @throws {RangeError} when there is no version `index`.
   */
  showVersion(messageId: string, index: number): void {
    if (this.#run) throw new ChatSessionError('busy', 'A response is in progress: stop it or wait for it');
    const messages = this.#versions.show(this.#messages, messageId, index);
    if (messages === this.#messages) return;
    this.#messages = messages;
    this.#endAsGiven();
    this.#notify();
  }

  /**
   * The versions of edited and regenerated messages as plain data, to save beside the messages and
   * give back as `initialVersions`.
   *
   * @example
   * const { messages } = chat.getSnapshot();
   * localStorage.chat = JSON.stringify({ messages, versions: chat.exportVersions() });
   */
  exportVersions(): ExportedVersions {
    return this.#versions.export();
  }

  /**
   * Replaces the messages (a value or an updater). A request in progress goes on while the
   * conversation's end it works on stays the end; left out (another conversation), it stops unheard
   * and the new conversation ends as given; with messages added after it, it stops as with `stop()`.
   * While idle, the status follows the new conversation's end (its last answer's error, else ready).
   * An update that changes nothing publishes nothing.
   * Earlier versions of edited and regenerated messages are forgotten.
   */
  setMessages(
    messages: readonly ChatMessage[] | ((previous: readonly ChatMessage[]) => readonly ChatMessage[]),
  ): void {
    this.#commitLive();
    const next = typeof messages === 'function' ? messages(this.#messages) : messages;
    const previous = this.#messages;
    const restored = withSavedToolCalls(restoreMessages(next, previous), this.#options.tools, previous);
    const changed =
      restored.length !== previous.length || restored.some((message, index) => message !== previous[index]);
    // The session's own array when nothing changed: a no-op update is no change to listeners.
    if (!changed) return;
    this.#messages = restored;
    this.#versions.clear();
    const run = this.#run;
    // A request works on the conversation's end (the question, the answer streaming, its tools, their
    // results): gone, it was for another conversation, which must not get its answer; no longer the
    // end, the conversation went on without it. Either way, nobody waits for it: stop paying for it.
    const tail = previous.at(-1)?.id;
    const at = restored.findLastIndex((message) => message.id === tail);
    if (run && (at < 0 || at < restored.length - 1)) {
      run.cutShort = at < 0;
      run.controller.abort();
    }
    // Messages put in after an answer whose calls wait for approval or a result: they can no longer
    // be answered, and end as when the person writes something else.
    if (at >= 0 && at < restored.length - 1) {
      // A result put in with them (a tool_result of the app's own) answers its call.
      const results = new Map(
        restored
          .slice(at + 1)
          .flatMap((message) => message.content.map((block) => [block['tool_use_id'], block])),
      );
      this.#patchCalls(
        (call, id) => {
          const result = results.get(id);
          return result && call.status.startsWith('awaiting-')
            ? finishedCall(result['content'], result['is_error'] === true)
            : passedOverCall(call);
        },
        false,
        tail,
      );
    }
    // Another conversation's request options are not this one's; the same one trimmed (old tool
    // results shortened to fit the context window, messages left out) keeps what `send` was given.
    if (!isTrimOf(restored, previous) && (!run || run.cutShort)) this.#request = {};
    if (!run) this.#endAsGiven();
    this.#notify();
  }

  /**
   * Idle with a conversation given from outside, the session ends as that conversation does: failed
   * with its last answer's error, or, ending in a question, with `unanswered` (the failure of its
   * request), so a saved failure shows again, with Retry; else ready.
   */
  #endAsGiven(unanswered?: AnyChatStreamError): void {
    const last = this.#messages.at(-1);
    const failed = last?.role === 'assistant' && (last.status === 'error' || last.status === 'incomplete');
    this.#error = failed ? last.error : last?.role === 'user' ? unanswered : undefined;
    this.#status = this.#error ? 'error' : 'ready';
  }

  /** Aborts any request and empties the conversation, versions included. */
  clear(): void {
    this.#run?.controller.abort();
    this.#versions.clear();
    this.#run = this.#live = this.#stream = this.#error = this.#retrying = undefined;
    this.#request = {};
    this.#messages = [];
    this.#status = 'ready';
    this.#notify();
    this.#queue.shift()?.();
  }

  /**
   * Updates options (bindings call it between renders); they apply from the next request on. An
   * option left out keeps its value; one given as `undefined` is unset, so its default applies.
   */
  setOptions(options: Partial<ChatSessionOptions>): void {
    checkSessionOptions(options);
    this.#options = { ...this.#options, ...options };
  }

  /**
   * Settles once a run that was stopped but is still winding down (a `stop()` not awaited, a
   * barge-in) has ended; undefined when there is none.
   */
  #windingDown(): Promise<void> | undefined {
    const run = this.#run;
    // `done` is not set yet while the run starts (a listener of its `submitted` stopped it).
    return run?.controller.signal.aborted
      ? Promise.resolve(run.done).then(
          () => undefined,
          () => undefined,
        )
      : undefined;
  }

  #begin(
    request: ChatRequestOptions,
    prepare: () => void,
    continuing = false,
    resume = false,
    reconnect?: Run['reconnect'],
  ): Promise<void> {
    const stopped = this.#windingDown();
    if (stopped && !this.#options.queue) {
      return stopped.then(() => this.#begin(request, prepare, continuing, resume, reconnect));
    }
    if (this.#run) {
      if (!this.#options.queue) {
        return Promise.reject(
          new ChatSessionError('busy', 'A response is in progress: stop it or wait for it'),
        );
      }
      return new Promise((resolve, reject) => {
        const go = (): void => {
          // A request sent from a callback took the turn first: this one stays first in line.
          if (this.#run) return void this.#queue.unshift(go);
          this.#begin(request, prepare, continuing, resume, reconnect).then(resolve, reject);
          // Refused when its turn came (prepare threw), it started no run to end and let the next one go.
          if (!this.#run) this.#queue.shift()?.();
        };
        this.#queue.push(go);
      });
    }
    try {
      prepare();
    } catch (error) {
      return Promise.reject(error);
    }
    // A settled tool call goes on counting (code that answers calls must not loop past maxSteps);
    // anything else a person asks for counts from there.
    if (!resume) this.#steps = 0;
    this.#request = request;
    const last = this.#messages.at(-1);
    const run: Run = {
      controller: new AbortController(),
      request,
      executions: new Map(),
      reconnect,
      // A run that only runs the last answer's tools (an approval) ends with that answer.
      answerId: last?.role === 'assistant' ? last.id : undefined,
    };
    this.#run = run;
    this.#error = undefined;
    const finish = (): Promise<void> => this.#finish(run);
    return (run.done = this.#drive(run, continuing).then(finish, (error: unknown) =>
      finish().then(() => Promise.reject(error)),
    ));
  }

  /** Publishes the end of a run: its final status, then the answer it ended with and its error. */
  async #finish(run: Run): Promise<void> {
    // Cleared meanwhile: the answer it completed is still heard.
    if (this.#run !== run) return this.#finished(run);
    this.#run = undefined;
    // Cut short, it ends as the conversation put in its place does.
    if (run.cutShort) this.#endAsGiven();
    const error = run.cutShort ? undefined : this.#error;
    this.#status = this.#error ? 'error' : 'ready';
    this.#changed = true;
    // The conversation as the request left it: another one may be put in before it is heard (a
    // listener of the end, onFinish), and must not be saved as this one.
    const messages = this.#messages;
    const answer = messages.find((message) => message.id === run.answerId);
    // The end of a stream is published with the frame: at once, unless the frame already showed
    // the last tokens (then at the next one, which paints no later). Resolves once it is out.
    await this.#notifier.settle();
    // As for onError: the session is ready when it hears of the last answer, so it can send the next.
    this.#finished(run);
    if (error && !run.failedAsBefore) callBack(this.#options.onError, error);
    if (!run.cutShort)
      callBack(this.#options.onSettled, {
        outcome: error ? 'error' : run.controller.signal.aborted || run.stopped ? 'aborted' : 'complete',
        answer,
        ...(error ? { error } : {}),
        messages,
      });
    this.#queue.shift()?.();
  }

  /**
   * Calls `onFinish` with the answer that completed last, once. A throwing callback must not stop
   * the conversation (its tool calls, the next request). The callback given now, not when the turn
   * began (a render may have changed it meanwhile).
   */
  #finished(run: Run): void {
    const message = run.finished;
    run.finished = undefined;
    if (message) callBack(this.#options.onFinish, message);
  }

  /** Streams turns while the conversation asks for more: tool results to send, a paused turn to resume. */
  async #drive(run: Run, continuing: boolean): Promise<void> {
    const { signal } = run.controller;
    if (run.reconnect) {
      await this.#streamTurn(run, false);
      if (this.#error || signal.aborted) return;
    }
    for (;;) {
      const last = this.#messages.at(-1);
      if (!continuing && last?.role === 'assistant') {
        if (last.status !== 'complete') return;
        if (last.stopReason === 'tool_use') {
          if (!(await this.#runTools(run))) return;
        } else if (last.stopReason === 'pause_turn') continuing = true;
        else return;
      }
      if (signal.aborted || !this.#messages.length) return;
      if (this.#steps >= (this.#options.maxSteps ?? 5)) {
        this.#error = new ChatSessionError('max-steps', `Stopped after ${this.#steps} steps (maxSteps)`);
        return;
      }
      this.#steps += 1;
      // The run goes on: the answer before this turn finished within it.
      this.#finished(run);
      await this.#streamTurn(run, continuing);
      continuing = false;
      if (this.#error || signal.aborted) return;
    }
  }

  /** Streams one assistant turn: a new message, or a continuation of the last one. */
  async #streamTurn(run: Run, continuing: boolean): Promise<void> {
    const options = this.#options;
    const { signal } = run.controller;
    const messages = this.#messages;
    const { reconnect } = run;
    run.reconnect = undefined;
    const base = continuing ? messages.at(-1) : undefined;
    const id = reconnect?.id ?? base?.id ?? this.#id();
    run.answerId = id;
    const body = reconnect ? undefined : requestBody(options, messages, run.request);
    // What a stop or a trimmed history left may repair down to nothing: no request for the API to refuse.
    if (body && !(body['messages'] as unknown[] | undefined)?.length) {
      this.#error = new ChatSessionError('empty-message', 'Nothing in the conversation can be sent');
      return;
    }
    const headers = requestHeaders(options, run.request);
    if (reconnect) {
      headers.set('chatstream-resume', reconnect.streamId);
      // Typed though bodiless: a POST of no type passes for a cross-site form, which frameworks refuse.
      headers.set('content-type', 'application/json');
    }
    this.#setStatus('submitted');
    let stream: MessageStream;
    try {
      stream =
        options.transport && body
          ? checkTransportResult(options.transport({ messages, body, headers, signal }))
          : streamMessage({ url: options.api ?? '/api/chat', body, headers }, { ...options });
    } catch (thrown) {
      // Shown like any failure (Retry, once set up right), not a rejected send() nobody hears.
      this.#error = new ChatSessionError(
        'setup',
        String((thrown as Error | undefined)?.message ?? thrown),
        thrown,
      );
      return;
    }
    this.#stream = stream;
    const place = { id, base };
    const build = (status: ChatMessageStatus, error?: AnyChatStreamError): ChatMessage =>
      answerMessage(stream, place, options.tools, status, error);
    const abort = (): void => stream.abort();
    signal.addEventListener('abort', abort);
    // Stopped already, by a listener of `submitted`: the listener above never hears of it.
    if (signal.aborted) abort();
    stream.on('retry', (info) => {
      if (this.#run !== run) return;
      this.#retrying = info;
      // The failed attempt's message had no content (retries only come before any): the answer
      // waits without it, as before a first attempt, and the next attempt starts it again.
      if (this.#live) {
        this.#live = undefined;
        this.#status = 'submitted';
        if (base) this.#put(build('streaming'));
        else this.#messages = this.#messages.filter((message) => message.id !== id);
      }
      this.#notify();
    });
    stream.on('snapshot', () => {
      if (this.#run !== run) return;
      this.#retrying = undefined;
      if (this.#live) {
        this.#live.dirty = true;
        return this.#notify(false);
      }
      this.#live = { id, build: () => build('streaming'), dirty: false };
      this.#put(this.#live.build(), true);
      this.#status = 'streaming';
      // The first content joins the next batch like every later one: published at once, it was a
      // second render in that frame (the Chromium benchmark counted 3 commits in the first frame).
      this.#notify(false);
    });
    const error = await stream.finalMessage().then(
      () => undefined,
      (caught: unknown) => caught as AnyChatStreamError,
    );
    await stream.done();
    signal.removeEventListener('abort', abort);
    if (this.#run !== run) return;
    this.#live = undefined;
    this.#retrying = undefined;
    const kind = error?.kind;
    if (reconnect && !stream.snapshot) {
      // Nothing came back: the answer stays as it was (stopped, or failed with its error). It keeps
      // its stream for a later try only when the relay could not be reached, not when it said it no
      // longer has the stream or the user stopped.
      const restored = this.#messages.find((message) => message.id === id);
      if (restored && !(error && isRetryable(error))) this.#put({ ...restored, streamId: undefined });
      // Refused rather than gone (a 403 from a framework's cross-site check, a sign-in that ended):
      // said, not passed off as the answer stopped.
      if (error?.kind === 'http' && error.status !== 404 && !isRetryable(error)) this.#error = error;
      else if (restored?.status === 'error') {
        this.#error = restored.error;
        run.failedAsBefore = true;
      }
      return;
    }
    if (kind !== 'abort') this.#error = error;
    else run.stopped = true;
    if (!base && kind && stream.snapshot?.message.content.length === 0) {
      // Begun (`message_start`) but nothing came: the conversation is left as a failure before any
      // answer leaves it, not with an empty answer to show.
      this.#messages = this.#messages.filter((message) => message.id !== id);
    } else if (stream.snapshot || base) {
      const status = !kind
        ? 'complete'
        : kind === 'abort'
          ? 'aborted'
          : kind === 'incomplete'
            ? kind
            : 'error';
      const message = build(status, this.#error);
      this.#put(message);
      if (status === 'complete') run.finished = message;
    }
    // Published by whatever comes next in this same chain (the final status, the tool calls
    // starting, the next request): one render for both instead of two in one frame.
    this.#changed = true;
  }

  /**
   * Runs the executable tool calls of the last turn in parallel. True once every call has a result
   * (then sent as one user message of `tool_result` blocks); false when some wait for the user or
   * the run was stopped.
   */
  async #runTools(run: Run): Promise<boolean> {
    const { controller, executions } = run;
    const { signal } = controller;
    let stopListening: (() => void) | undefined;
    const stopped = new Promise<void>((resolve) => (stopListening = onAbort(signal, resolve)));
    try {
      for (this.#startTools(run); executions.size > 0; this.#startTools(run)) {
        // The finished turn and its calls running go out with the next batch (at once unbatched).
        this.#status = 'streaming';
        this.#notify(false);
        await Promise.race([Promise.all(executions.values()), stopped]);
        if (signal.aborted) {
          // The turn had ended, so no input still streams: only the running calls change.
          this.#patchCalls(stoppedCall, true, run.answerId);
          return false;
        }
      }
    } finally {
      // One listener a step would pile up over a long agent loop (Node warns past ten).
      stopListening?.();
    }
    const message = this.#messages.at(-1);
    const calls = message?.toolCalls;
    if (!message || !calls || !Object.values(calls).every(isSettled)) return false;
    // Tools that end the answer: their results go with the person's next message.
    const tools = this.#options.tools;
    if (
      message.content.every(
        (block) => block.type !== 'tool_use' || tools?.[block['name'] as string]?.endsTurn,
      )
    ) {
      return false;
    }
    this.#messages = [
      ...this.#messages,
      { id: this.#id(), role: 'user', content: toolResultBlocks(message.content, calls) },
    ];
    this.#notify();
    return true;
  }

  #startTools(run: Run): void {
    const { signal } = run.controller;
    const message = this.#messages.at(-1);
    for (const [toolUseId, call] of Object.entries(message?.toolCalls ?? {})) {
      if (call.status !== 'running' || run.executions.has(toolUseId)) continue;
      const block = message?.content.find((item) => item['id'] === toolUseId) as ToolUseBlock;
      // A tool runs: the run goes on, so the answer that called it finished within it.
      this.#finished(run);
      const execution = executeToolCall(this.#options.tools, block, signal).then((state) => {
        run.executions.delete(toolUseId);
        if (!signal.aborted)
          this.#patchCalls((current, id) => (id === toolUseId ? state : current), true, run.answerId);
      });
      run.executions.set(toolUseId, execution);
    }
  }

  #settleCall(toolUseId: string, expected: ToolCallState['status'], next: ToolCallState): void {
    if (this.#messages.at(-1)?.toolCalls?.[toolUseId]?.status !== expected) {
      throw new ChatSessionError('unknown-tool-call', `No tool call "${toolUseId}" is ${expected}`);
    }
    // Decided while a stop winds down: decided once it has, as when idle (its tools no longer run).
    const stopped = this.#windingDown();
    if (stopped) {
      void stopped
        // A step later than what else was asked meanwhile: a message sent ends the call (declined),
        // a retry() started takes it into its run.
        .then(() => undefined)
        .then(() => this.#settleCall(toolUseId, expected, next))
        // Decided otherwise meanwhile (a call no longer waiting): nothing left to do.
        .catch(() => undefined);
      return;
    }
    this.#patchCalls((call, id) => (id === toolUseId ? next : call));
    const run = this.#run;
    if (run) return this.#startTools(run);
    const calls = Object.values(this.#messages.at(-1)?.toolCalls ?? {});
    if (calls.every(isSettled) || calls.some((call) => call.status === 'running')) {
      void this.#begin(this.#request, () => undefined, false, true);
    }
  }

  /** Updates the tool calls of message `messageId` (the last), and publishes that unless told not to. */
  #patchCalls(
    update: (call: ToolCallState, id: string) => ToolCallState,
    publish = true,
    messageId = this.#messages.at(-1)?.id,
  ): void {
    const message = this.#messages.findLast((item) => item.id === messageId);
    if (!message?.toolCalls) return;
    const entries = Object.entries(message.toolCalls).map(([id, call]) => [id, update(call, id)] as const);
    this.#put({ ...message, toolCalls: Object.fromEntries(entries) });
    if (publish) this.#notify();
  }

  /** Replaces the message with the same id (appends it when `append` and it is new). */
  #put(message: ChatMessage, append = false): void {
    const index = this.#messages.findLastIndex((item) => item.id === message.id);
    if (index < 0 && !append) return;
    const messages = [...this.#messages];
    messages.splice(index < 0 ? messages.length : index, 1, message);
    this.#index.replaced(this.#messages, messages, message);
    this.#messages = messages;
  }

  #setStatus(status: ChatSessionStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.#notify();
  }

  /** Records a change: published at once (`sync`), or at the next batching slot while tokens stream. */
  #notify(sync = true): void {
    this.#changed = true;
    if (sync) this.#flush();
    else this.#notifier.schedule();
  }

  #flush(): void {
    this.#notifier.cancel();
    this.#commitLive();
    if (!this.#changed) return;
    this.#changed = false;
    this.#snapshot = this.#build();
    this.#index.publish(this.#messages);
    for (const listener of this.#listeners) callBack(listener);
  }

  #commitLive(): void {
    if (!this.#live?.dirty) return;
    this.#live.dirty = false;
    this.#put(this.#live.build());
  }

  #build(): ChatSessionSnapshot {
    return {
      messages: this.#messages,
      status: this.#status,
      error: this.#error,
      // Until this session streams, the latest figures are those saved with the last answer (a reload).
      stats: this.#stream ? this.#stream.stats : this.#messages.findLast(isAnswer)?.stats,
      retrying: this.#retrying,
      versions: this.#versions.view(this.#messages),
    };
  }

  #id(): string {
    // The prefix is drawn at the first id, not in the constructor: a session is created while
    // rendering, and Next.js refuses a random value while it prerenders a page (`cacheComponents`).
    return (
      this.#options.generateId?.() ??
      `${(this.#idPrefix ??= Math.random().toString(36).slice(2, 10))}-${(this.#ids++).toString(36)}`
    );
  }
}

/**
 * Creates a {@link ChatSession}.
 *
 * @example
 * const session = createChatSession({
 *   api: '/api/chat',
 *   tools: {
 *     get_weather: {
 *       inputSchema: { type: 'object', properties: { location: { type: 'string' } } },
 *       execute: ({ location }: { location: string }) => lookUp(location),
 *     },
 *   },
 * });
 * session.subscribe(() => render(session.getSnapshot()));
 * await session.send('What is the weather in Paris?');
 */
export function createChatSession(options?: ChatSessionOptions): ChatSession {
  return new ChatSession(options);
}
