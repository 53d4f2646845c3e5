// The headers of the resume protocol between `streamMessage` and a relay (`@chatstream/server`, the
// mocks' handlers), named once for both sides.

/** The response header naming a resumable stream. */
export const STREAM_ID_HEADER = 'chatstream-stream-id';
/** The request header of a resume: the stream to read on, after the event in `Last-Event-ID`. */
export const RESUME_HEADER = 'chatstream-resume';
/** The request header of a cancel: the stream whose upstream request to abort now. */
export const CANCEL_HEADER = 'chatstream-cancel';
/**
 * The response header of a resume: how many events the stream had when the resume began. Those
 * were generated before; a client's rates count from the event after them.
 */
export const REPLAY_HEADER = 'chatstream-replay';
/**
 * The response header saying how often the relay pings a quiet stream, in ms (absent: it does not):
 * a client may take a silence of several of them for a dead connection.
 */
export const PING_INTERVAL_HEADER = 'chatstream-ping-interval';
