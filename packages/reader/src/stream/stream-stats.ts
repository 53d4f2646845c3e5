/** Progress figures for one stream, read through `MessageStream.stats`. */
export interface StreamStats {
  /** Milliseconds since the request began (until the end, once ended). */
  readonly elapsedMs: number;
  /** From the request to the first body byte. */
  readonly timeToFirstByteMs: number | undefined;
  /**
   * From the request to the first content delta (text, thinking or tool input). Undefined for a
   * stream that replays an answer begun before it (a reconnect after a reload).
   */
  readonly timeToFirstTokenMs: number | undefined;
  /** Body bytes received (all attempts). */
  readonly bytes: number;
  /** Output tokens: exact from the latest `usage`, plus an estimate for text received since. */
  readonly outputTokens: number;
  /** True when `outputTokens` is exactly what the last `usage` said (no estimate on top). */
  readonly outputTokensExact: boolean;
  /**
   * Output tokens per second since the first token (since the end of the replay, for a reconnect);
   * undefined until tokens have come for a quarter of a second (the first deltas often arrive in a
   * burst, and a rate over a few milliseconds reads as thousands per second).
   */
  readonly tokensPerSecond: number | undefined;
  /** The request's `max_tokens`, when known. */
  readonly maxTokens: number | undefined;
  /** `outputTokens / maxTokens`, between 0 and 1, when `maxTokens` is known. */
  readonly progress: number | undefined;
}

/** Characters per token for the estimate between usage updates: Latin text averages about four. */
const CHARS_PER_TOKEN = 4;
/** The shortest span of generation a rate is reported over. */
const RATE_WINDOW_MS = 250;

/** Collects the raw timings and counts behind {@link StreamStats}. */
export class StatsTracker {
  readonly #now: () => number;
  readonly #maxTokens: number | undefined;
  #startedAt: number;
  #firstByteAt: number | undefined;
  #firstTokenAt: number | undefined;
  #endedAt: number | undefined;
  #bytes = 0;
  #exactTokens = 0;
  #charsSinceExact = 0;
  // After a replay of earlier generation: when it ended, and its tokens (not counted in the rate).
  #replayEndedAt: number | undefined;
  #replayedTokens = 0;

  constructor(now: () => number, maxTokens: number | undefined) {
    this.#now = now;
    this.#maxTokens = maxTokens;
    this.#startedAt = now();
  }

  /** Starts the clock again: what came before (a wait for a place in a queue) is no part of it. */
  restart(): void {
    this.#startedAt = this.#now();
  }

  /** Counts body bytes; the first call marks the time to first byte. */
  bytes(count: number): void {
    this.#firstByteAt ??= this.#now();
    this.#bytes += count;
  }

  /** Counts generated characters; the first call marks the time to first token. */
  content(text: string): void {
    this.#firstTokenAt ??= this.#now();
    this.#charsSinceExact += text.length;
  }

  /** Records an exact `output_tokens` total from `usage`. */
  usage(outputTokens: number): void {
    this.#exactTokens = outputTokens;
    this.#charsSinceExact = 0;
  }

  /** Forgets what a discarded attempt produced (a retry before any content). */
  resetContent(): void {
    this.#firstTokenAt = this.#replayEndedAt = undefined;
    this.#replayedTokens = 0;
    this.#exactTokens = 0;
    this.#charsSinceExact = 0;
  }

  /**
   * Marks what came so far as a replay of an answer generated before this stream (a relay's
   * resumable stream read again after a reload): its first token is not this stream's, and the
   * rate counts from here.
   */
  replayed(): void {
    this.#replayedTokens = this.read().outputTokens;
    this.#replayEndedAt = this.#now();
  }

  /** Freezes `elapsedMs` at the end of the stream. */
  end(): void {
    this.#endedAt ??= this.#now();
  }

  /** The current figures. */
  read(): StreamStats {
    const now = this.#endedAt ?? this.#now();
    const estimate = Math.round(this.#charsSinceExact / CHARS_PER_TOKEN);
    const outputTokens = this.#exactTokens + estimate;
    const firstToken = this.#replayEndedAt === undefined ? this.#firstTokenAt : undefined;
    const rateFrom = this.#replayEndedAt ?? this.#firstTokenAt;
    const generatingMs = rateFrom === undefined ? 0 : now - rateFrom;
    // The usage that follows a replay may say fewer tokens than its text was estimated at.
    const fresh = outputTokens - this.#replayedTokens;
    return {
      elapsedMs: now - this.#startedAt,
      timeToFirstByteMs: this.#firstByteAt === undefined ? undefined : this.#firstByteAt - this.#startedAt,
      timeToFirstTokenMs: firstToken === undefined ? undefined : firstToken - this.#startedAt,
      bytes: this.#bytes,
      outputTokens,
      outputTokensExact: estimate === 0,
      tokensPerSecond:
        generatingMs >= RATE_WINDOW_MS && fresh > 0 ? (fresh * 1000) / generatingMs : undefined,
      maxTokens: this.#maxTokens,
      progress: this.#maxTokens ? Math.min(1, outputTokens / this.#maxTokens) : undefined,
    };
  }
}
