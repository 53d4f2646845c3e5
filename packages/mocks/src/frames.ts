import type { StreamEvent } from './scenario-types.ts';

/** One unit the server writes: an Anthropic event, a raw SSE event, or a plain-text protocol chunk. */
export type Frame =
  | { kind: 'event'; event: StreamEvent }
  /** An SSE event whose data is sent verbatim (it may be invalid JSON on purpose). */
  | { kind: 'raw'; eventName: string; data: string }
  /**
   * A plain-text protocol event (`data: <text>`). `sameDelta`: the second event of a delta the relay
   * sends as two (`[DONE]`), which goes out with the first instead of waiting a delay of its own.
   */
  | { kind: 'text'; text: string; sameDelta?: true }
  /** The plain-text protocol's `data: [DONE]`. */
  | { kind: 'done' };

/** A frame with the script's pause before it and any fault stall (silence, no pings). */
export interface PlannedFrame {
  frame: Frame;
  pauseBefore: number;
  stallBefore: number;
}
