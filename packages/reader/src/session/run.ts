import type { ChatMessage } from './chat-message.ts';
import type { ChatRequestOptions } from './request-body.ts';

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
