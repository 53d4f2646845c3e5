import type { ChatMessage } from './chat-message.ts';
import { callBack } from '../report-error.ts';
import type { ChatSessionOptions } from './chat-session-options.ts';
import type { ChatRequestOptions } from './request-body.ts';
import type { SessionState } from './session-state.ts';

/** One request cycle: a send (or regenerate, edit, retry, tool continuation) and the turns it leads to. */
export interface Run {
  readonly controller: AbortController;
  readonly request: ChatRequestOptions;
  readonly executions: Map<string, Promise<void>>;
  done?: Promise<void>;
  /** The answer that completed last, for `onFinish` once it is known whether the run goes on. */
  finished?: ChatMessage | undefined;
  /** A restored answer to read on from its relay stream before anything else. */
  reconnect?: { id: string; streamId: string } | undefined;
  /** Ends with the failure its answer already had (a read-on that got nothing): heard before. */
  failedAsBefore?: boolean;
  /** The id of the answer its last step streamed into, for `onSettled`. */
  answerId?: string | undefined;
  /** Its answer was taken out of the conversation by `setMessages`: another conversation now. */
  cutShort?: boolean;
  /** Its last turn ended stopped: by the person, or by the relay (stopped from another tab). */
  stopped?: boolean;
}

/** What a run's steps work with: the session's state and options, and whether the run is still its request. */
export interface RunContext {
  readonly state: SessionState;
  /** The options as they are now: a render may change them between steps. */
  readonly options: ChatSessionOptions;
  /** Whether `run` is still the session's request (not cleared, not replaced). */
  owns(run: Run): boolean;
  /** A new message id. */
  newId(): string;
}

/**
 * Calls `onFinish` with the answer that completed last, once. A throwing callback must not stop
 * the conversation (its tool calls, the next request). The callback given now, not when the turn
 * began (a render may have changed it meanwhile).
 */
export function reportFinished(run: Run, options: ChatSessionOptions): void {
  const message = run.finished;
  run.finished = undefined;
  if (message) callBack(options.onFinish, message);
}
