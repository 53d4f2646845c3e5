import { checkToolInput } from './check-tool-input.ts';
import { isThenable } from './is-thenable.ts';
import { callBack } from '../report-error.ts';
import type { ToolUseBlock } from '../types.ts';
import type { ChatInput, ChatMessage, ToolCallState } from './chat-message.ts';
import { ChatSessionError } from './chat-session-error.ts';
import type { ChatSessionOptions, ChatSessionSnapshot } from './chat-session-options.ts';
import { holdsToolResults, reconnectable } from './answer-predicates.ts';
import { toContent } from './chat-input.ts';
import type { ExportedVersions } from './message-versions.ts';
import type { ChatRequestOptions } from './request-body.ts';
import { withSavedToolCalls } from './saved-tool-calls.ts';
import { restoreMessages, reviveError } from './restore-messages.ts';
import { DENIED_RESULT, finishedCall, isSettled, passedOverCall } from './tool-results.ts';
import { checkSessionOptions } from './check-session-options.ts';
import { isTrimOf } from './is-trim-of.ts';
import { reportFinished, type Run, type RunContext } from './run.ts';
import { runTools, startTools } from './run-tools.ts';
import { SessionState } from './session-state.ts';
import { streamTurn } from './stream-turn.ts';
import { thrownText } from './thrown-text.ts';

/**
 * The conversation store: messages in the Anthropic shape with UI state beside them, one active
 * stream at a time, client tools with a step cap, and change notifications batched to animation
 * frames while tokens stream. Framework-free: bind it with `useSyncExternalStore(subscribe, getSnapshot)`.
 */
export class ChatSession {
  #options: ChatSessionOptions;
  readonly #state: SessionState;
  #run: Run | undefined;
  /**
   * The run whose end is being heard of (published, its callbacks called): without `queue`, a
   * request asked for meanwhile waits for it.
   */
  #ending: Run | undefined;
  /** How many times `stop()` was called: a request that waited for a run to end and saw it change is dropped. */
  #stops = 0;
  #steps = 0;
  /**
   * The body and headers of the request that began the conversation's current turn (a send, an
   * edit, a regeneration): the turns that go on from it (an approval, Continue) carry them too.
   */
  #request: ChatRequestOptions = {};
  #ids = 0;
  #idPrefix: string | undefined;
  readonly #queue: (() => void)[] = [];
  /** What the steps of a run work with (see run-tools.ts, stream-turn.ts). */
  readonly #context: RunContext;

  constructor(options: ChatSessionOptions = {}) {
    checkSessionOptions(options);
    this.#options = options;
    this.#state = new SessionState(
      {
        messages: withSavedToolCalls(restoreMessages(options.initialMessages ?? []), options.tools),
        versions: options.initialVersions,
        unanswered: reviveError(options.initialError),
      },
      () => this.#options.throttle ?? 'frame',
    );
    const currentOptions = (): ChatSessionOptions => this.#options;
    this.#context = {
      state: this.#state,
      get options() {
        return currentOptions();
      },
      owns: (run) => this.#run === run,
      newId: () => this.#id(),
    };
  }

  /** Calls `listener` after each published change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    return this.#state.subscribe(listener);
  }

  /** The current state: the same object until the next notification. */
  getSnapshot(): ChatSessionSnapshot {
    return this.#state.snapshot;
  }

  /**
   * Calls `listener` after a published change of the message with this id only (its update,
   * removal or arrival), so a row can follow its own message at a cost that does not grow with the
   * conversation. Returns the unsubscribe function.
   */
  subscribeMessage(id: string, listener: () => void): () => void {
    return this.#state.subscribeMessage(id, listener);
  }

  /** The message with this id in the current snapshot (the same object until it changes). */
  getMessage(id: string): ChatMessage | undefined {
    return this.#state.getMessage(id);
  }

  /** The ids of the current snapshot's messages: the same array until one is added, removed or moved. */
  getMessageIds(): readonly string[] {
    return this.#state.getMessageIds();
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
      this.#state.messages = [...this.#state.messages, { id: this.#id(), role: 'user', content }];
    });
  }

  /**
   * Calls still waiting for approval or a result when the user writes something else would never be
   * answered (approving them later is not possible): they end as the user left them, declined or
   * without a result, and go to the model with the new message.
   */
  #endWaitingCalls(): void {
    const calls = Object.values(this.#state.messages.at(-1)?.toolCalls ?? {});
    if (!calls.some((call) => call.status.startsWith('awaiting-'))) return;
    this.#state.patchCalls(passedOverCall, false);
  }

  /**
   * Aborts the active request and running tool executions (their `signal`; what they do about it is
   * not waited for); resolves once the stream is released. The partial message stays, marked
   * `aborted`; the session goes back to `ready` (queued requests then start). A request asked for
   * as the last answer ended, still waiting for that end to be heard, is dropped (it resolves). Calls
   * waiting for approval or a result stay waiting (a chat unmounted and shown again can still answer
   * them).
   */
  async stop(): Promise<void> {
    // A request waiting for the end of the last run to start (asked for as it ended) is stopped too.
    this.#stops += 1;
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
      const messages = this.#state.messages;
      const index =
        messageId === undefined
          ? messages.length - (messages.at(-1)?.role === 'assistant' ? 1 : 0)
          : messages.findIndex((message) => message.id === messageId && message.role === 'assistant');
      if (index < 0) throw new ChatSessionError('unknown-message', `No assistant message "${messageId}"`);
      // An answer to an answer (a human agent's message put in with setMessages) answers no question.
      if (messages[index - 1]?.role !== 'user') {
        throw new ChatSessionError('unknown-message', 'No question before it to answer again');
      }
      this.#state.versions.branch(messages, index);
      this.#state.messages = messages.slice(0, index);
    });
  }

  /**
   * Replaces the content of user message `messageId`, drops everything after it, and asks again. The
   * message keeps its id; the question as it was, with what followed it, stays an earlier version
   * (see {@link ChatSession.showVersion}).
   */
  edit(messageId: string, content: ChatInput): Promise<void> {
    return this.#begin({}, () => {
      const index = this.#state.messages.findIndex(
        (message) => message.id === messageId && message.role === 'user',
      );
      if (index < 0) throw new ChatSessionError('unknown-message', `No user message "${messageId}"`);
      const replacement = toContent(content);
      // The edited message keeps its id; the version it replaces is kept under a new one.
      this.#state.versions.branch(this.#state.messages, index, this.#id());
      this.#state.messages = [
        ...this.#state.messages.slice(0, index),
        { id: messageId, role: 'user', content: replacement },
      ];
    });
  }

  /**
   * Recovers after a failure. An answer whose relay may still stream it (see `reconnect`) is read
   * on there first. A failed, stopped or `max_tokens`-cut answer holding only text is continued:
   * it is sent back as the final assistant message and the continuation is appended to that same
   * message. Tool calls stopped while they ran run again, and the conversation goes on. A
   * conversation stopped at `maxSteps` goes on (its tool results sent, its paused turn continued),
   * and so does one whose tools ran but whose next request could not be made (`setup`). Anything
   * else is regenerated.
   */
  retry(): Promise<void> {
    // What to do depends on how the stopped answer ends up. Queued, one asked for as an answer ends
    // (from onError) goes first, as a send does.
    const stopped = this.#windingDown(!this.#options.queue);
    if (stopped) {
      const stops = this.#stops;
      return stopped.then(() => (this.#stops === stops ? this.retry() : undefined));
    }
    // Queued, it decides when its turn comes, from how the answer before it ended.
    if (this.#run && this.#options.queue) return this.#inTurn(() => this.retry());
    const last = this.#state.messages.at(-1);
    if (!this.#run && reconnectable(last, this.#options)) {
      // The relay may still be streaming it: read on there; only if it cannot, ask again.
      const reconnecting = this.reconnect();
      // The run reconnect() started (the check above has TypeScript think there is none).
      const signal = (this.#run as Run | undefined)?.controller.signal;
      return reconnecting.then(() => {
        const now = this.#state.messages.at(-1);
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
      this.#state.patchCalls((call) => (call.status === 'stopped' ? { status: 'running' } : call), false);
      return this.#begin(this.#request, () => undefined);
    }
    // A paused turn whose continuation failed before anything came is continued, not asked again
    // (its server tools, paid for, would run again).
    if (last?.role === 'assistant' && last.stopReason === 'pause_turn' && last.status !== 'complete') {
      return this.#begin(this.#request, () => undefined, true);
    }
    // Stopped at maxSteps: tool results to send, or a paused turn to go on with; or its tools ran
    // and the request with their results could not be made (setup): the loop goes on, the tools not
    // run again.
    const { error } = this.#state;
    const calls = Object.values(last?.toolCalls ?? {});
    const goesOn =
      holdsToolResults(last) ||
      (last?.status === 'complete' && last.stopReason === 'pause_turn') ||
      (error?.kind === 'session' &&
        error.code === 'setup' &&
        last?.stopReason === 'tool_use' &&
        calls.length > 0 &&
        calls.every(isSettled));
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
    const last = this.#state.messages.at(-1);
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
    const block = this.#state.messages
      .at(-1)
      ?.content.find((item) => item['id'] === toolUseId) as ToolUseBlock;
    const tool = block && this.#options.tools?.[block.name];
    // Without execute, the page answers from the input: one its schema refuses goes back refused
    // (a call restored from storage was never checked).
    const check = block && typeof tool?.execute !== 'function' ? checkToolInput(tool, block) : undefined;
    this.#settleCall(
      toolUseId,
      'awaiting-approval',
      !approved
        ? { status: 'denied', result: DENIED_RESULT }
        : check && !isThenable(check) && check.rejected !== undefined
          ? { status: 'error', result: check.rejected }
          : { status: block && !check ? 'running' : 'awaiting-result' },
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
    if (this.#run) throw busy();
    const messages = this.#state.versions.show(this.#state.messages, messageId, index);
    if (messages === this.#state.messages) return;
    this.#state.messages = messages;
    this.#state.endAsGiven();
    this.#state.notify();
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
    return this.#state.versions.export();
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
    this.#state.commitLive();
    const next = typeof messages === 'function' ? messages(this.#state.messages) : messages;
    const previous = this.#state.messages;
    const restored = withLiveEnd(
      withSavedToolCalls(restoreMessages(next, previous), this.#options.tools, previous),
      this.#run && previous.at(-1),
    );
    const changed =
      restored.length !== previous.length || restored.some((message, index) => message !== previous[index]);
    // The session's own array when nothing changed: a no-op update is no change to listeners.
    if (!changed) return;
    this.#state.messages = restored;
    this.#state.versions.clear();
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
      this.#state.patchCalls(
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
    if (!run) this.#state.endAsGiven();
    this.#state.notify();
  }

  /** Aborts any request and empties the conversation, versions included. */
  clear(): void {
    this.#run?.controller.abort();
    this.#state.versions.clear();
    this.#run = this.#state.live = this.#state.stream = this.#state.error = this.#state.retrying = undefined;
    this.#request = {};
    this.#state.messages = [];
    this.#state.status = 'ready';
    this.#state.notify();
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
  #windingDown(ending = true): Promise<void> | undefined {
    // A run that ended is heard of (its end published, its callbacks) before the next one starts: a
    // request asked for meanwhile (a listener's) must not overtake one that waits for the stop.
    const run = this.#run?.controller.signal.aborted ? this.#run : ending ? this.#ending : undefined;
    // `done` is not set yet while the run starts (a listener of its `submitted` stopped it).
    return run
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
    // Tools answered as a run ends (from its onFinish) go on from it at once, before what waits.
    const stopped = this.#windingDown(!resume);
    if (stopped && !this.#options.queue) {
      const stops = this.#stops;
      return stopped.then(() =>
        this.#stops === stops ? this.#begin(request, prepare, continuing, resume, reconnect) : undefined,
      );
    }
    // Queued, a request asked for as a run ends (from onError, a fallback) goes first.
    if (this.#run) {
      if (!this.#options.queue) {
        return Promise.reject(busy());
      }
      return this.#inTurn(() => this.#begin(request, prepare, continuing, resume, reconnect));
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
    const last = this.#state.messages.at(-1);
    const run: Run = {
      controller: new AbortController(),
      request,
      executions: new Map(),
      reconnect,
      // A run that only runs the last answer's tools (an approval) ends with that answer.
      answerId: last?.role === 'assistant' ? last.id : undefined,
    };
    this.#run = run;
    this.#state.error = undefined;
    // Whatever a turn could not handle is its failure, shown and heard as one: a rejected send()
    // would leave the question unanswered with the session `ready` and onSettled saying `complete`.
    const failed = (thrown: unknown): void => {
      this.#state.error ??= new ChatSessionError('setup', thrownText(thrown), thrown);
    };
    return (run.done = this.#drive(run, continuing)
      .catch(failed)
      .then(() => this.#finish(run)));
  }

  /** Starts `start` when the queue's turn comes; settles as what it started does. */
  #inTurn(start: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const go = (): void => {
        // A request sent from a callback took the turn first: this one stays first in line.
        if (this.#run) return void this.#queue.unshift(go);
        start().then(resolve, reject);
        // Refused when its turn came (prepare threw), it started no run to end and let the next one go.
        if (!this.#run) this.#queue.shift()?.();
      };
      this.#queue.push(go);
    });
  }

  /** Publishes the end of a run: its final status, then the answer it ended with and its error. */
  async #finish(run: Run): Promise<void> {
    // Cleared meanwhile: the answer it completed is still heard.
    if (this.#run !== run) return reportFinished(run, this.#options);
    this.#run = undefined;
    this.#ending = run;
    try {
      await this.#heardEnd(run);
    } finally {
      this.#ending = undefined;
    }
    this.#queue.shift()?.();
  }

  /** Publishes the end of a run that ended (it is `#ending`), then calls back. */
  async #heardEnd(run: Run): Promise<void> {
    // Cut short, it ends as the conversation put in its place does.
    if (run.cutShort) this.#state.endAsGiven();
    const error = run.cutShort ? undefined : this.#state.error;
    this.#state.status = this.#state.error ? 'error' : 'ready';
    this.#state.changed = true;
    // The conversation as the request left it: another one may be put in before it is heard (a
    // listener of the end, onFinish), and must not be saved as this one.
    const messages = this.#state.messages;
    const answer = messages.find((message) => message.id === run.answerId);
    // The end of a stream is published with the frame: at once, unless the frame already showed
    // the last tokens (then at the next one, which paints no later). Resolves once it is out.
    await this.#state.settle();
    // As for onError: the session is ready when it hears of the last answer, so it can send the next.
    reportFinished(run, this.#options);
    if (error && !run.failedAsBefore) callBack(this.#options.onError, error);
    if (!run.cutShort)
      callBack(this.#options.onSettled, {
        outcome: error ? 'error' : run.controller.signal.aborted || run.stopped ? 'aborted' : 'complete',
        answer,
        ...(error ? { error } : {}),
        messages,
      });
  }

  /** Streams turns while the conversation asks for more: tool results to send, a paused turn to resume. */
  async #drive(run: Run, continuing: boolean): Promise<void> {
    const { signal } = run.controller;
    if (run.reconnect) {
      await streamTurn(this.#context, run, false);
      if (this.#state.error || signal.aborted) return;
    }
    for (;;) {
      const last = this.#state.messages.at(-1);
      if (!continuing && last?.role === 'assistant') {
        if (last.status !== 'complete') return;
        if (last.stopReason === 'tool_use') {
          if (!(await runTools(this.#context, run))) return;
        } else if (last.stopReason === 'pause_turn') continuing = true;
        else return;
      }
      if (signal.aborted || !this.#state.messages.length) return;
      if (this.#steps >= (this.#options.maxSteps ?? 5)) {
        this.#state.error = new ChatSessionError(
          'max-steps',
          `Stopped after ${this.#steps} ${this.#steps === 1 ? 'step' : 'steps'} (maxSteps)`,
        );
        return;
      }
      this.#steps += 1;
      // The run goes on: the answer before this turn finished within it.
      reportFinished(run, this.#options);
      await streamTurn(this.#context, run, continuing);
      continuing = false;
      if (this.#state.error || signal.aborted) return;
    }
  }

  #settleCall(toolUseId: string, expected: ToolCallState['status'], next: ToolCallState): void {
    if (this.#state.messages.at(-1)?.toolCalls?.[toolUseId]?.status !== expected) {
      throw new ChatSessionError('unknown-tool-call', `No tool call "${toolUseId}" is ${expected}`);
    }
    // Decided while a stop winds down: decided once it has, as when idle (its tools no longer run).
    // One given as a run ends (from its onFinish) is taken at once, before what is queued.
    const stopped = this.#windingDown(false);
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
    // Published once the run that takes it on has started: a listener that sends on hearing of the
    // call would otherwise take the turn, and the approved tool would never run.
    this.#state.patchCalls((call, id) => (id === toolUseId ? next : call), false);
    const run = this.#run;
    if (run) {
      startTools(this.#context, run);
      return this.#state.notify();
    }
    const calls = Object.values(this.#state.messages.at(-1)?.toolCalls ?? {});
    if (calls.every(isSettled) || calls.some((call) => call.status === 'running')) {
      // Its tools run, or its results go, from here: no longer ready for another message, also for
      // what the run publishes as it starts.
      const before = this.#state.status;
      this.#state.status = 'streaming';
      void this.#begin(this.#request, () => undefined, false, true).catch(() => undefined);
      if (!this.#run) this.#state.status = before;
    }
    this.#state.notify();
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
 * `messages` with a copy of `live` (the message a run streams, or whose tools run) given its live
 * `status` and `toolCalls` back: restored as a saved message, it would read as stopped while the
 * run goes on.
 */
function withLiveEnd(
  messages: readonly ChatMessage[],
  live: ChatMessage | undefined,
): readonly ChatMessage[] {
  if (!live) return messages;
  return messages.map((message) =>
    message !== live && message.id === live.id
      ? { ...message, status: live.status, toolCalls: live.toolCalls }
      : message,
  );
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

/** The refusal of a request while another one runs (without `queue`). */
const busy = (): ChatSessionError =>
  new ChatSessionError('busy', 'A response is in progress: stop it or wait for it');
