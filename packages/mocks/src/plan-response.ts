import { createTextJoiner, REPLAY_HEADER } from '@chatstream/reader';
import { type RandomChunking, splitBytes } from './chunking.ts';
import { checkScenario, checkServeOptions } from './check-serve-options.ts';
import { encodeAnthropicFrame, type SSEEncoding, streamPrefix } from './encode-sse.ts';
import { encodeTextFrame } from './encode-text.ts';
import { anthropicErrorBody } from './error-bodies.ts';
import type { Fault, HttpErrorFault } from './fault-types.ts';
import type { Frame, PlannedFrame } from './frames.ts';
import { createId } from './ids.ts';
import { createRandom, hashSeed } from './prng.ts';
import type { MockScenario } from './scenario-types.ts';
import { createTextDeltaSplitter } from './text-delta-splitter.ts';
import { scheduleFrames, type TimedFrame, type Timing } from './timing.ts';

/**
 * How body bytes are cut into chunks: `'event'` (one chunk per event, the default), a fixed size in
 * bytes, a cycling list of sizes, or seeded random sizes. Byte chunks ignore UTF-8 boundaries on purpose.
 */
export type ByteChunking = 'event' | number | readonly number[] | RandomChunking;

/** How a scenario is served. */
export interface ServeOptions {
  /** `'anthropic'` (default): Anthropic SSE events. `'text'`: the plain `data: <text>` + `[DONE]` protocol. */
  protocol?: 'anthropic' | 'text' | undefined;
  /** Default `'realistic'`; use `'instant'` in unit tests. */
  timing?: Timing | undefined;
  /** SSE framing variations. */
  encoding?: SSEEncoding | undefined;
  /** Byte chunking (default `'event'`). */
  chunks?: ByteChunking | undefined;
  /** 0-based attempt number, for `failFirst` faults (the handlers and the fake server count for you). */
  attempt?: number | undefined;
  /**
   * Serve as `@chatstream/server`'s relay with `resume` on: each event numbered (`id: 1`, `id: 2`, …),
   * and the plan's `events` counts them. With `after`, the stream resumed after event `after`: the
   * events that follow, without the dropped connection (the network broke, not the stream), and a
   * `chatstream-replay` header saying how many events the stream had when the resume began, as the
   * relay's does. With `elapsed` too, the ms since the stream began: the relay kept generating while
   * the client was away, so the events due by then (by this plan's delays) come at once and the rest
   * on their schedule, and `chatstream-replay` counts those that were due. Without it the rest keeps
   * its own pace, and `chatstream-replay` is `after`.
   */
  resumable?: boolean | { after: number; elapsed?: number | undefined } | undefined;
}

/** A chunk of body bytes and the delay before it is sent. */
export interface TimedChunk {
  delay: number;
  bytes: Uint8Array;
}

/** Everything needed to send a response: status, headers, timed body chunks and how it ends. */
export interface ResponsePlan {
  status: number;
  headers: Record<string, string>;
  chunks: TimedChunk[];
  /** `'drop'`: the connection breaks after the last chunk instead of closing cleanly. */
  end: 'close' | 'drop';
  /** For a `resumable` stream: how many events it has in all (their ids run from 1 to this). */
  events?: number;
}

const encoder = new TextEncoder();

/** Plans the response for one request: HTTP faults first, then the stream with its faults and timing. */
export function planResponse(scenario: MockScenario, options: ServeOptions = {}): ResponsePlan {
  checkScenario(scenario);
  checkServeOptions(options);
  const attempt = options.attempt ?? 0;
  const requestId = createId('req', createRandom(hashSeed(scenario.name, scenario.seed + attempt)));
  const { resumable } = options;
  const after = typeof resumable === 'object' ? resumable.after : undefined;
  const elapsed = typeof resumable === 'object' ? resumable.elapsed : undefined;
  const faults = activeFaults(scenario.faults, attempt).filter(
    (fault) => after === undefined || fault.kind !== 'drop-connection',
  );
  const httpFault = faults.find((fault): fault is HttpErrorFault => fault.kind === 'http-error');
  if (httpFault) return planHttpError(httpFault, requestId);
  const wrongType = faults.find((fault) => fault.kind === 'wrong-content-type');
  if (wrongType) {
    return {
      status: 200,
      headers: { 'content-type': wrongType.contentType, 'request-id': requestId },
      chunks: [{ delay: 0, bytes: encoder.encode(wrongType.body) }],
      end: 'close',
    };
  }

  const protocol = options.protocol ?? 'anthropic';
  const encoding = options.encoding ?? {};
  const frames = applyFrameFaults(
    protocol === 'text' ? textFrames(scenario) : eventFrames(scenario),
    faults,
    protocol,
  );
  const timed = scheduleFrames(frames, options.timing ?? 'realistic', scenario.seed);
  const eol = encoding.lineEnding ?? '\n';
  const texts = timed.map(({ frame }, index) => {
    const text =
      protocol === 'text' ? encodeTextFrame(frame, encoding) : encodeAnthropicFrame(frame, encoding);
    return resumable ? `id: ${index + 1}${eol}${text}` : text;
  });
  const prefix = protocol === 'text' ? (encoding.bom ? '\uFEFF' : '') : streamPrefix(encoding);
  if (texts.length > 0) texts[0] = prefix + texts[0];
  else texts.push(prefix);
  const all = texts.map((text, i) => ({ delay: timed[i]?.delay ?? 0, bytes: encoder.encode(text) }));
  const pieces = elapsed === undefined ? all.slice(after ?? 0) : caughtUp(all, after ?? 0, elapsed);
  let chunks = rechunk(pieces, options.chunks ?? 'event', scenario.seed);
  const drop = faults.find((fault) => fault.kind === 'drop-connection');
  if (drop) chunks = truncate(chunks, drop.afterBytes);
  const headers: Record<string, string> = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': requestId,
  };
  if (after !== undefined) {
    // Without `elapsed` the rest keeps its own pace: nothing was generated while the client was away.
    const generated = elapsed === undefined ? after : Math.max(after, dueBy(timed, elapsed));
    headers[REPLAY_HEADER] = String(generated);
  }
  const plan: ResponsePlan = { status: 200, headers, chunks, end: drop ? 'drop' : 'close' };
  if (resumable) plan.events = timed.length;
  return plan;
}

/**
 * The pieces after the first `after`, each at its time since the stream began, or at once when that
 * was before `elapsed` (a resume then, the relay already has it).
 */
function caughtUp(pieces: readonly TimedChunk[], after: number, elapsed: number): TimedChunk[] {
  let due = 0;
  let clock = elapsed;
  return pieces.flatMap((piece, index) => {
    due += piece.delay;
    if (index < after) return [];
    const delay = Math.max(0, due - clock);
    clock += delay;
    return [{ delay, bytes: piece.bytes }];
  });
}

/** How many frames were due within `elapsed` ms of the stream's start. */
function dueBy(timed: readonly TimedFrame[], elapsed: number): number {
  let due = 0;
  let count = 0;
  for (const { delay } of timed) {
    due += delay;
    if (due > elapsed) break;
    count++;
  }
  return count;
}

/** `failFirst` turns into its HTTP fault for the first attempts and vanishes afterwards. */
function activeFaults(faults: readonly Fault[], attempt: number): Fault[] {
  return faults.flatMap((fault) => {
    if (fault.kind !== 'fail-first') return [fault];
    return attempt < fault.times ? [fault.fault] : [];
  });
}

function planHttpError(fault: HttpErrorFault, requestId: string): ResponsePlan {
  const headers: Record<string, string> = {
    'content-type': fault.contentType ?? 'application/json',
    'request-id': requestId,
  };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  if (fault.shouldRetry !== undefined) headers['x-should-retry'] = String(fault.shouldRetry);
  const body = fault.body ?? JSON.stringify(anthropicErrorBody(fault.errorType, fault.message, requestId));
  return { status: fault.status, headers, chunks: [{ delay: 0, bytes: encoder.encode(body) }], end: 'close' };
}

function eventFrames(scenario: MockScenario): PlannedFrame[] {
  return scenario.timeline.map(({ event, pauseBefore }) => ({
    frame: { kind: 'event', event },
    pauseBefore,
    stallBefore: 0,
  }));
}

/**
 * The scenario's text deltas as plain-text events, cut as the relay cuts them (see
 * {@link createTextDeltaSplitter}). Text after another kind of block (a tool call, a search) starts
 * with a blank line, so the events join to `expectedText` (line breaks as `\n`). `[DONE]` only when
 * the message completed.
 */
function textFrames(scenario: MockScenario): PlannedFrame[] {
  const frames: PlannedFrame[] = [];
  const split = createTextDeltaSplitter();
  let pause = 0;
  // Joined as the reader's finalText() joins, as the relay's text protocol does.
  const joiner = createTextJoiner();
  for (const { event, pauseBefore } of scenario.timeline) {
    pause += pauseBefore;
    if (event.type === 'content_block_start') {
      joiner.blockStart((event as { content_block: { type: string } }).content_block.type);
      continue;
    }
    const delta =
      event.type === 'content_block_delta'
        ? (event as { delta: { type: string; text?: string } }).delta
        : undefined;
    if (delta?.type !== 'text_delta' || !delta.text) continue;
    // A delta that sends nothing (the `\n` of a split `\r\n`) leaves its pause to the next event.
    split(joiner.text(delta.text)).forEach((text, piece) => {
      frames.push({
        frame: piece === 0 ? { kind: 'text', text } : { kind: 'text', text, sameDelta: true },
        pauseBefore: pause,
        stallBefore: 0,
      });
      pause = 0;
    });
  }
  if (scenario.events.some((event) => event.type === 'message_stop')) {
    frames.push({ frame: { kind: 'done' }, pauseBefore: pause, stallBefore: 0 });
  }
  return frames;
}

function applyFrameFaults(
  frames: PlannedFrame[],
  faults: readonly Fault[],
  protocol: 'anthropic' | 'text',
): PlannedFrame[] {
  let result = [...frames];
  const insert = (afterEvents: number, frame: Frame): void => {
    result.splice(Math.min(afterEvents, result.length), 0, { frame, pauseBefore: 0, stallBefore: 0 });
  };
  for (const fault of faults) {
    switch (fault.kind) {
      case 'end-without-message-stop':
        result = result.filter(
          ({ frame }) =>
            !(frame.kind === 'done' || (frame.kind === 'event' && frame.event.type === 'message_stop')),
        );
        break;
      case 'malformed-event':
        if (protocol === 'anthropic') {
          insert(fault.afterEvents, {
            kind: 'raw',
            eventName: 'content_block_delta',
            data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel',
          });
        }
        break;
      case 'oversized-event':
        if (protocol === 'anthropic') {
          const padding = 'x'.repeat(Math.max(0, fault.bytes - 40));
          insert(fault.afterEvents, {
            kind: 'raw',
            eventName: 'ping',
            data: `{"type":"ping","padding":"${padding}"}`,
          });
        }
        break;
      case 'stall': {
        const target = result[Math.min(fault.afterEvents, result.length - 1)];
        if (target) target.stallBefore += fault.ms;
        break;
      }
      default:
        break;
    }
  }
  return result;
}

/** Re-cuts the encoded frames; a chunk waits for the delays of every frame that starts inside it. */
function rechunk(pieces: TimedChunk[], chunking: ByteChunking, seed: number): TimedChunk[] {
  if (chunking === 'event') return pieces;
  const total = pieces.reduce((sum, piece) => sum + piece.bytes.length, 0);
  const all = new Uint8Array(total);
  const starts: { offset: number; delay: number }[] = [];
  let offset = 0;
  for (const piece of pieces) {
    all.set(piece.bytes, offset);
    starts.push({ offset, delay: piece.delay });
    offset += piece.bytes.length;
  }
  const chunks: TimedChunk[] = [];
  let position = 0;
  let next = 0;
  for (const bytes of splitBytes(all, chunking, seed)) {
    let delay = 0;
    while (next < starts.length && (starts[next]?.offset ?? 0) < position + bytes.length) {
      delay += starts[next]?.delay ?? 0;
      next++;
    }
    chunks.push({ delay, bytes });
    position += bytes.length;
  }
  return chunks;
}

/** Keeps the first `limit` bytes. */
function truncate(chunks: TimedChunk[], limit: number): TimedChunk[] {
  const kept: TimedChunk[] = [];
  let sent = 0;
  for (const chunk of chunks) {
    if (sent >= limit) break;
    const room = limit - sent;
    kept.push(
      chunk.bytes.length <= room ? chunk : { delay: chunk.delay, bytes: chunk.bytes.subarray(0, room) },
    );
    sent += Math.min(room, chunk.bytes.length);
  }
  return kept;
}
