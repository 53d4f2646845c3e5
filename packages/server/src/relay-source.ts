/** A source of SSE bytes for the relay's response stream. */
export interface RelaySource {
  /** The next bytes to send, or `done` at the end. Rejects when the upstream stream fails. */
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  /** True when everything read so far ends at an event boundary, so a ping or error can follow. */
  atBoundary(): boolean;
  /**
   * Stops reading and aborts the upstream request. May be called again: a call that the runtime
   * refused (Workers, from another request than the one reading) is tried again from the reading one.
   */
  cancel(reason?: unknown): Promise<void>;
}
