/** What a part last saw of the answers: which one was last, and whether a request was under way. */
export interface AnswerSight {
  messageId: string | undefined;
  busy: boolean;
}

/**
 * Whether `messageId` is an answer that came while a request was under way, or as it ended. One
 * that arrived whole within a frame (a short answer, one a buffering proxy held back, a tool call)
 * was never seen streaming, yet it is new, not history. Records what it saw in `sight`.
 */
export function arrivedNow(sight: AnswerSight, messageId: string | undefined, busy: boolean): boolean {
  const arrived = (busy || sight.busy) && messageId !== sight.messageId;
  sight.messageId = messageId;
  sight.busy = busy;
  return arrived;
}
