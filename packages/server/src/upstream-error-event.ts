/**
 * An `error` event of the stream (an `overloaded_error` mid-answer), as `onError` and `onFinish`
 * hear it: an `Error`, which loggers print, with the event's `type` and `message`.
 */
export class UpstreamErrorEvent extends Error {
  override name = 'UpstreamErrorEvent';
  /** The error's type as the event names it, e.g. `overloaded_error`. */
  readonly type: string;

  constructor(error: { type?: unknown; message?: unknown }) {
    const type = typeof error.type === 'string' ? error.type : 'unknown_error';
    super(typeof error.message === 'string' ? error.message : `The stream sent an ${type} event`);
    this.type = type;
  }
}
