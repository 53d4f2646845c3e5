import { splitBytes } from '../chunking.ts';
import {
  type ByteChunking,
  planResponse,
  type ResponsePlan,
  type ServeOptions,
  type TimedChunk,
} from '../plan-response.ts';
import { createRandom, hashSeed, type Random } from '../prng.ts';
import type { MockScenario } from '../scenario-types.ts';
import { encodeEventStreamMessage } from './aws-event-stream.ts';
import { amazonRequestId, bedrockStreamExceptionType, toPlatformPlan } from './platform-errors.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** A planned event without `encoding` variations is exactly this. */
const SSE_EVENT = /^event: [^\n]*\ndata: ([^\n]*)\n\n$/u;
const PING = '{"type":"ping"}';
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

interface StreamedEvent {
  type?: unknown;
  message?: { usage?: { input_tokens?: unknown; output_tokens?: unknown } };
  usage?: { output_tokens?: unknown };
  error?: { type?: unknown; message?: unknown };
}

/** An event-stream message and the planned SSE event it carries (its index in the plan). */
interface SourcedMessage extends TimedChunk {
  source: number;
}

/**
 * Plans Bedrock's answer to `invoke-with-response-stream`: the scenario's events, with their timing
 * and faults, as AWS event-stream messages (`chunk` events whose payload carries the event's JSON in
 * base64), without `ping`s (Bedrock sends none; their wait goes to the next event), with Bedrock's
 * `amazon-bedrock-invocationMetrics` in `message_stop`, and an `error` event as an exception message
 * that ends the stream. `chunks` re-cuts the binary body; `dropConnection(n)` cuts it where the
 * first n bytes of the SSE body (as Vertex AI and `/v1/messages` stream it, `encoding` and all) cut
 * the events, so the same partial answer arrives (see {@link dropPoint}). SSE `encoding`, `protocol`
 * and `resumable` do not apply otherwise. HTTP faults answer Bedrock's exceptions.
 */
export function planBedrockStream(scenario: MockScenario, options: ServeOptions): ResponsePlan {
  const drop = scenario.faults.find((fault) => fault.kind === 'drop-connection');
  // Planned whole and cut below, where the drop cuts the SSE body.
  const whole = { ...scenario, faults: scenario.faults.filter((fault) => fault !== drop) };
  const sseOptions: ServeOptions = { ...options, protocol: 'anthropic', chunks: 'event', resumable: false };
  const sse = planResponse(whole, { ...sseOptions, encoding: {} });
  if (!sse.headers['content-type']?.startsWith('text/event-stream')) return toPlatformPlan(sse, 'bedrock');
  const random = createRandom(hashSeed(sse.headers['request-id'] ?? ''));
  const requestId = amazonRequestId(random);
  const frames = toMessages(sse.chunks, random);
  // The SSE body the other routes stream, one chunk per event as `sse`'s: the drop counts its bytes.
  const encoded = options.encoding ? planResponse(whole, sseOptions).chunks : sse.chunks;
  const limit = drop ? dropPoint(frames, encoded, drop.afterBytes) : Infinity;
  return {
    status: 200,
    headers: {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-bedrock-content-type': 'application/json',
      'x-amzn-requestid': requestId,
    },
    chunks: cut(frames, options.chunks ?? 'event', scenario.seed, limit),
    end: drop ? 'drop' : 'close',
  };
}

/**
 * How many bytes of the binary body to send for a drop after `afterBytes` bytes of the SSE body:
 * the messages of the SSE events those bytes complete, and of the event they cut into, the same
 * share of its message (a frame cut off, as the SSE event is).
 */
function dropPoint(
  messages: readonly SourcedMessage[],
  events: readonly TimedChunk[],
  afterBytes: number,
): number {
  let complete = 0;
  let left = afterBytes;
  for (const { bytes } of events) {
    if (left < bytes.length) break;
    left -= bytes.length;
    complete += 1;
  }
  let limit = 0;
  for (const { bytes, source } of messages) {
    if (source < complete) limit += bytes.length;
    else if (source === complete) {
      const size = events[complete]?.bytes.length ?? 1;
      limit += Math.floor((bytes.length * left) / size);
    }
  }
  return limit;
}

/** The planned SSE events as event-stream messages, each after the wait of the events it replaces. */
function toMessages(events: readonly TimedChunk[], random: Random): SourcedMessage[] {
  const messages: SourcedMessage[] = [];
  let wait = 0;
  let elapsed = 0;
  let firstByte: number | undefined;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const [source, { delay, bytes }] of events.entries()) {
    wait += delay;
    const data = SSE_EVENT.exec(decoder.decode(bytes))?.[1];
    if (data === undefined || data === PING) continue;
    elapsed += wait;
    const event = parseEvent(data);
    if (event?.type === 'message_start') {
      inputTokens = tokens(event.message?.usage?.input_tokens, inputTokens);
      outputTokens = tokens(event.message?.usage?.output_tokens, outputTokens);
    } else firstByte ??= elapsed;
    if (event?.type === 'message_delta') outputTokens = tokens(event.usage?.output_tokens, outputTokens);
    if (event?.type === 'error') {
      const errorType = typeof event.error?.type === 'string' ? event.error.type : 'api_error';
      const message =
        typeof event.error?.message === 'string' ? event.error.message : 'Internal server error';
      const exception = exceptionMessage(bedrockStreamExceptionType(errorType), message);
      messages.push({ delay: wait, bytes: exception, source });
      break;
    }
    const json =
      event?.type === 'message_stop'
        ? JSON.stringify({
            ...event,
            'amazon-bedrock-invocationMetrics': {
              inputTokenCount: inputTokens,
              outputTokenCount: outputTokens,
              invocationLatency: elapsed,
              firstByteLatency: firstByte ?? elapsed,
            },
          })
        : data;
    messages.push({ delay: wait, bytes: chunkMessage(json, random), source });
    wait = 0;
  }
  return messages;
}

function chunkMessage(json: string, random: Random): Uint8Array {
  const payload = {
    bytes: Buffer.from(json, 'utf8').toString('base64'),
    p: PADDING.slice(0, random.int(1, PADDING.length)),
  };
  return encodeEventStreamMessage(
    { ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' },
    encoder.encode(JSON.stringify(payload)),
  );
}

function exceptionMessage(exceptionType: string, message: string): Uint8Array {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    encoder.encode(JSON.stringify({ message })),
  );
}

/** The event, or undefined when its JSON is malformed on purpose (it is sent as it is). */
function parseEvent(data: string): StreamedEvent | undefined {
  try {
    return JSON.parse(data) as StreamedEvent;
  } catch {
    return undefined;
  }
}

function tokens(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/**
 * The messages as body chunks: one per message, or cut by `chunking` anywhere (the client must
 * reassemble frames), the first `limit` bytes only. A chunk waits for every message starting in it.
 */
function cut(
  messages: readonly TimedChunk[],
  chunking: ByteChunking,
  seed: number,
  limit: number,
): TimedChunk[] {
  const starts: number[] = [];
  let size = 0;
  for (const { bytes } of messages) {
    starts.push(size);
    size += bytes.length;
  }
  const body = new Uint8Array(size);
  messages.forEach(({ bytes }, index) => body.set(bytes, starts[index]));
  const sizes = chunking === 'event' ? messages.map(({ bytes }) => bytes.length) : chunking;
  let next = 0;
  let sent = 0;
  return splitBytes(body.subarray(0, Math.min(size, limit)), sizes, seed).map((bytes) => {
    sent += bytes.length;
    let delay = 0;
    for (; next < messages.length && (starts[next] ?? size) < sent; next++)
      delay += messages[next]?.delay ?? 0;
    return { delay, bytes };
  });
}
