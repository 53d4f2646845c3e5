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

/**
 * Plans Bedrock's answer to `invoke-with-response-stream`: the scenario's events, with their timing
 * and faults, as AWS event-stream messages (`chunk` events whose payload carries the event's JSON in
 * base64), without `ping`s (Bedrock sends none; their wait goes to the next event), with Bedrock's
 * `amazon-bedrock-invocationMetrics` in `message_stop`, and an `error` event as an exception message
 * that ends the stream. `chunks` re-cuts the binary body and `dropConnection` counts its bytes; SSE
 * `encoding`, `protocol` and `resumable` do not apply. HTTP faults answer Bedrock's exceptions.
 */
export function planBedrockStream(scenario: MockScenario, options: ServeOptions): ResponsePlan {
  const drop = scenario.faults.find((fault) => fault.kind === 'drop-connection');
  // Planned whole and cut below, so that the drop counts the bytes of the binary stream.
  const sse = planResponse(
    { ...scenario, faults: scenario.faults.filter((fault) => fault !== drop) },
    { ...options, protocol: 'anthropic', encoding: {}, chunks: 'event', resumable: false },
  );
  if (!sse.headers['content-type']?.startsWith('text/event-stream')) return toPlatformPlan(sse, 'bedrock');
  const random = createRandom(hashSeed(sse.headers['request-id'] ?? ''));
  const requestId = amazonRequestId(random);
  const frames = toMessages(sse.chunks, random);
  return {
    status: 200,
    headers: {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-bedrock-content-type': 'application/json',
      'x-amzn-requestid': requestId,
    },
    chunks: cut(frames, options.chunks ?? 'event', scenario.seed, drop?.afterBytes ?? Infinity),
    end: drop ? 'drop' : 'close',
  };
}

/** The planned SSE events as event-stream messages, each after the wait of the events it replaces. */
function toMessages(events: readonly TimedChunk[], random: Random): TimedChunk[] {
  const messages: TimedChunk[] = [];
  let wait = 0;
  let elapsed = 0;
  let firstByte: number | undefined;
  let inputTokens = 0;
  let outputTokens = 0;
  for (const { delay, bytes } of events) {
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
      messages.push({ delay: wait, bytes: exceptionMessage(bedrockStreamExceptionType(errorType), message) });
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
    messages.push({ delay: wait, bytes: chunkMessage(json, random) });
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
