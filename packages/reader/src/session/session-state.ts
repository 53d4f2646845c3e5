import type { AnyChatStreamError } from '../errors.ts';
import { callBack } from '../report-error.ts';
import type { MessageStream } from '../stream/message-stream.ts';
import type { RetryInfo } from '../stream/message-stream-events.ts';
import type { ChatMessage, ToolCallState } from './chat-message.ts';
import type { ChatSessionSnapshot, ChatSessionStatus } from './chat-session-options.ts';
import { isAnswer } from './answer-predicates.ts';
import { createMessageIndex, type MessageIndex } from './message-index.ts';
import { createVersionStore, type ExportedVersions } from './message-versions.ts';
import { createNotifyScheduler, type NotifyScheduler, type ScheduleFlush } from './notify-scheduler.ts';

/**
 * A {@link ChatSession}'s state as its listeners see it: the conversation, status and error, the
 * streaming answer folded in at most once per published change, and the publishing itself, batched
 * to animation frames while tokens stream. What requests do to it is the session's.
 */
export class SessionState {
  messages: readonly ChatMessage[];
  status: ChatSessionStatus = 'ready';
  error: AnyChatStreamError | undefined;
  /** The latest stream, whose figures the snapshot shows. */
  stream: MessageStream | undefined;
  retrying: RetryInfo | undefined;
  /** The streaming message, rebuilt from the stream's snapshot at most once per flush. */
  live: { id: string; build: () => ChatMessage; dirty: boolean } | undefined;
  /** Something changed that the next flush publishes. */
  changed = false;
  readonly versions = createVersionStore();
  #snapshot: ChatSessionSnapshot;
  readonly #listeners = new Set<() => void>();
  readonly #notifier: NotifyScheduler;
  readonly #index: MessageIndex;

  /**
   * A conversation given from outside (restored): its messages, the versions saved with them, and the
   * failure of the request it ends with when it ends in a question.
   */
  constructor(
    given: {
      messages: readonly ChatMessage[];
      versions: ExportedVersions | undefined;
      unanswered: AnyChatStreamError | undefined;
    },
    throttle: () => 'frame' | number | false | ScheduleFlush,
  ) {
    const { messages, versions, unanswered } = given;
    this.messages = messages;
    if (versions !== undefined) this.versions.restore(versions);
    this.endAsGiven(unanswered);
    this.#snapshot = this.#build();
    this.#index = createMessageIndex(messages);
    this.#notifier = createNotifyScheduler(() => this.flush(), throttle);
  }

  /** The published state: the same object until the next flush that changes something. */
  get snapshot(): ChatSessionSnapshot {
    return this.#snapshot;
  }

  /** Calls `listener` after each published change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Calls `listener` after a published change of the message with this id only. */
  subscribeMessage(id: string, listener: () => void): () => void {
    return this.#index.subscribe(id, listener, this.#snapshot.messages);
  }

  /** The published message with this id. */
  getMessage(id: string): ChatMessage | undefined {
    return this.#index.get(id, this.#snapshot.messages);
  }

  /** The ids of the published messages: the same array until one is added, removed or moved. */
  getMessageIds(): readonly string[] {
    return this.#index.ids(this.#snapshot.messages);
  }

  /**
   * Idle with a conversation given from outside, the session ends as that conversation does: failed
   * with its last answer's error, or with `unanswered`, the failure no answer holds (of the last
   * question's request, a stop at `maxSteps`), so a saved failure shows again, with Retry; else ready.
   */
  endAsGiven(unanswered?: AnyChatStreamError): void {
    const last = this.messages.at(-1);
    const failed = last?.role === 'assistant' && (last.status === 'error' || last.status === 'incomplete');
    // A question, or a paused turn the conversation goes on from, can end in a failure it does not
    // hold; an answer that came after one cannot.
    const goesOn = last?.role === 'user' || last?.stopReason === 'pause_turn';
    this.error = failed ? last.error : goesOn ? unanswered : undefined;
    this.status = this.error ? 'error' : 'ready';
  }

  /** Replaces the message with the same id (appends it when `append` and it is new). */
  put(message: ChatMessage, append = false): void {
    const index = this.messages.findLastIndex((item) => item.id === message.id);
    if (index < 0 && !append) return;
    const messages = [...this.messages];
    messages.splice(index < 0 ? messages.length : index, 1, message);
    this.#index.replaced(this.messages, messages, message);
    this.messages = messages;
  }

  /** Updates the tool calls of message `messageId` (the last), and publishes that unless told not to. */
  patchCalls(
    update: (call: ToolCallState, id: string) => ToolCallState,
    publish = true,
    messageId = this.messages.at(-1)?.id,
  ): void {
    const message = this.messages.findLast((item) => item.id === messageId);
    if (!message?.toolCalls) return;
    const entries = Object.entries(message.toolCalls).map(([id, call]) => [id, update(call, id)] as const);
    this.put({ ...message, toolCalls: Object.fromEntries(entries) });
    if (publish) this.notify();
  }

  /** Sets the status, published at once when it changes. */
  setStatus(status: ChatSessionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.notify();
  }

  /** Records a change: published at once (`sync`), or at the next batching slot while tokens stream. */
  notify(sync = true): void {
    this.changed = true;
    if (sync) this.flush();
    else this.#notifier.schedule();
  }

  /**
   * Publishes what changed, at once, unless the frame already showed the last tokens (then at the
   * next one, which paints no later). Resolves once it is out.
   */
  settle(): Promise<void> {
    return this.#notifier.settle();
  }

  /** Publishes what changed, now. */
  flush(): void {
    this.#notifier.cancel();
    this.commitLive();
    if (!this.changed) return;
    this.changed = false;
    this.#snapshot = this.#build();
    this.#index.publish(this.messages);
    for (const listener of this.#listeners) callBack(listener);
  }

  /** Folds the streaming answer's latest tokens into `messages`. */
  commitLive(): void {
    if (!this.live?.dirty) return;
    this.live.dirty = false;
    this.put(this.live.build());
  }

  #build(): ChatSessionSnapshot {
    return {
      messages: this.messages,
      status: this.status,
      error: this.error,
      // Until this session streams, the latest figures are those saved with the last answer (a reload).
      stats: this.stream ? this.stream.stats : this.messages.findLast(isAnswer)?.stats,
      retrying: this.retrying,
      versions: this.versions.view(this.messages),
    };
  }
}
