import type { AbortError, AnyChatStreamError } from '../errors.ts';
import type { Citation, ContentBlock, Message, MessageSnapshot, MessageStreamEvent } from '../types.ts';

/** A retry the stream is about to make (only ever before any content arrived). */
export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  /** How long it waits before reconnecting. */
  delayMs: number;
  /** Why the previous attempt failed. */
  error: AnyChatStreamError;
}

/** The listeners `MessageStream.on` accepts, by event name. */
export interface MessageStreamListeners {
  /** The response arrived and its body is being read. */
  connect: () => void;
  /**
   * Every Anthropic event, with the snapshot after it; with retries on, only those of the attempt
   * that counted (held until its first content block starts, as for iteration).
   */
  streamEvent: (event: MessageStreamEvent, snapshot: MessageSnapshot | undefined) => void;
  /** The snapshot changed (a new object each time). */
  snapshot: (snapshot: MessageSnapshot) => void;
  /** A text delta, and the whole text of its block so far. */
  text: (delta: string, textSnapshot: string) => void;
  /**
   * A tool-input JSON fragment, and the live reading of the whole input (the best reading so far;
   * for an open array or object of thousands of entries, the one from a few hundred characters ago).
   */
  inputJson: (partialJson: string, inputSnapshot: unknown) => void;
  /** A thinking delta, and the whole thinking so far. */
  thinking: (delta: string, thinkingSnapshot: string) => void;
  /** A thinking block's signature (it replaces any earlier one). */
  signature: (signature: string) => void;
  /** A citation, and all citations of its block so far. */
  citation: (citation: Citation, citationsSnapshot: Citation[]) => void;
  /** A block finished (`content_block_stop`). */
  contentBlock: (block: ContentBlock) => void;
  /** The message finished (`message_stop`). */
  message: (message: Message) => void;
  /** An attempt failed before any content and the stream will reconnect. */
  retry: (info: RetryInfo) => void;
  /** The stream failed; `error.partial` keeps what arrived. */
  error: (error: AnyChatStreamError) => void;
  /** The stream was stopped by `abort()` or the caller's signal. */
  abort: (error: AbortError) => void;
  /** Always last, however the stream ended. */
  end: () => void;
}

/** A name `MessageStream.on` accepts. */
export type MessageStreamEventName = keyof MessageStreamListeners;
