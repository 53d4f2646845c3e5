/**
 * `reason`, an `Error`'s stack formatted now: what the relay aborts an upstream request with.
 *
 * @example
 * controller.abort(abortReason(request.signal.reason));
 */
export function abortReason<Reason>(reason: Reason): Reason {
  if (!(reason instanceof Error)) return reason;
  // Until its stack is first read, V8 keeps an error's frames, and with them the functions that
  // were running and all their closures hold: for an error made while relaying, that request's whole
  // state (the upstream response and its body, the streams, the heartbeat timer). The SDK keeps the
  // abort reason for as long as that body lives, so neither would ever be collected. Formatted, the
  // stack is a string. Assigned back, not only read: a minifier may drop a lone read as a pure getter.
  try {
    const { stack } = reason;
    if (stack !== undefined) reason.stack = stack;
  } catch {
    // A frozen error: reading its stack has formatted it already.
  }
  return reason;
}

/**
 * A new `Error` with `message`, as an abort reason that keeps nothing else alive (see
 * {@link abortReason}).
 *
 * @example
 * void source.cancel(abortError('The client stopped the stream.'));
 */
export function abortError(message: string): Error {
  return abortReason(new Error(message));
}
