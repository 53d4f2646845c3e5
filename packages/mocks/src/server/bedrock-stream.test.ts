// @vitest-environment node
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { scenario } from '../builder.ts';
import { contentScenarios } from '../catalogue-content.ts';
import { faultScenarios } from '../catalogue-faults.ts';
import { dropConnection } from '../faults.ts';
import { planResponse, type ResponsePlan, type ServeOptions } from '../plan-response.ts';
import { withFaults } from '../with-faults.ts';
import { planBedrockStream } from './bedrock-stream.ts';

interface DecodedMessage {
  headers: Record<string, string>;
  payload: string;
}

/** An independent reading of the event-stream framing: checks both CRCs and reads string headers. */
function decodeMessages(body: Uint8Array): DecodedMessage[] {
  const messages: DecodedMessage[] = [];
  for (let offset = 0; offset < body.length;) {
    const view = new DataView(body.buffer, body.byteOffset + offset);
    const total = view.getUint32(0);
    const headersLength = view.getUint32(4);
    const message = body.subarray(offset, offset + total);
    if (view.getUint32(8) !== crc32(message.subarray(0, 8))) throw new Error('bad prelude CRC');
    if (view.getUint32(total - 4) !== crc32(message.subarray(0, total - 4)))
      throw new Error('bad message CRC');
    const headers: Record<string, string> = {};
    for (let at = 12; at < 12 + headersLength;) {
      const nameLength = message[at] ?? 0;
      const name = Buffer.from(message.subarray(at + 1, at + 1 + nameLength)).toString();
      if (message[at + 1 + nameLength] !== 7) throw new Error('not a string header');
      const valueLength = view.getUint16(at + 2 + nameLength);
      headers[name] = Buffer.from(
        message.subarray(at + 4 + nameLength, at + 4 + nameLength + valueLength),
      ).toString();
      at += 4 + nameLength + valueLength;
    }
    messages.push({
      headers,
      payload: Buffer.from(message.subarray(12 + headersLength, total - 4)).toString(),
    });
    offset += total;
  }
  return messages;
}

const bodyOf = (plan: ResponsePlan): Uint8Array => Buffer.concat(plan.chunks.map((chunk) => chunk.bytes));

/** The whole event-stream messages at the start of a body cut anywhere. */
function wholeMessages(body: Uint8Array): Uint8Array[] {
  const messages: Uint8Array[] = [];
  for (let offset = 0; offset + 4 <= body.length;) {
    const total = new DataView(body.buffer, body.byteOffset + offset).getUint32(0);
    if (offset + total > body.length) break;
    messages.push(body.subarray(offset, offset + total));
    offset += total;
  }
  return messages;
}

/** The Anthropic event JSON of one chunk message. */
const eventOf = (message: Uint8Array): string => {
  const [{ payload } = { payload: '{}' }] = decodeMessages(message);
  return Buffer.from((JSON.parse(payload) as { bytes: string }).bytes, 'base64').toString();
};

/** The events a reader gets of an SSE body cut anywhere (whole ones, as JSON), pings left out: Bedrock has none. */
function completeSSEEvents(body: Uint8Array): string[] {
  const blocks = Buffer.from(body).toString().replaceAll('\r\n', '\n').split('\n\n');
  blocks.pop(); // cut off, or empty
  return blocks
    .map((block) =>
      block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n'),
    )
    .filter((data) => data && (JSON.parse(data) as { type: string }).type !== 'ping')
    .map((data) => JSON.stringify(JSON.parse(data)));
}
const totalDelay = (plan: ResponsePlan): number => plan.chunks.reduce((sum, chunk) => sum + chunk.delay, 0);

/** The Anthropic event JSON each chunk carries. */
function eventsOf(plan: ResponsePlan): string[] {
  return decodeMessages(bodyOf(plan)).map(({ payload }) =>
    Buffer.from((JSON.parse(payload) as { bytes: string }).bytes, 'base64').toString(),
  );
}

describe('planBedrockStream', () => {
  it('sends each event as a chunk message with base64 bytes and padding, as Bedrock does', () => {
    const plan = planBedrockStream(contentScenarios.toolUse, { timing: 'instant' });
    expect(plan.status).toBe(200);
    expect(plan.headers['content-type']).toBe('application/vnd.amazon.eventstream');
    expect(plan.headers['x-amzn-requestid']).toMatch(/^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/u);
    const messages = decodeMessages(bodyOf(plan));
    expect(plan.chunks).toHaveLength(messages.length);
    for (const { headers, payload } of messages) {
      expect(headers).toEqual({
        ':event-type': 'chunk',
        ':content-type': 'application/json',
        ':message-type': 'event',
      });
      expect(Object.keys(JSON.parse(payload) as object)).toEqual(['bytes', 'p']);
      expect((JSON.parse(payload) as { p: string }).p).toMatch(/^[a-zA-Z\d]+$/u);
    }
    const events = eventsOf(plan).map((json) => JSON.parse(json) as { type: string });
    const { 'amazon-bedrock-invocationMetrics': _metrics, ...stop } = events.at(-1) as Record<
      string,
      unknown
    >;
    expect([...events.slice(0, -1), stop]).toEqual(contentScenarios.toolUse.events);
  });

  it('keeps the timing, leaves out the pings and puts their wait on the next event', () => {
    const timing = { timeToFirstToken: 800, tokensPerSecond: 20, pingInterval: 300 };
    const sse = planResponse(contentScenarios.pings, { timing });
    const plan = planBedrockStream(contentScenarios.pings, { timing });
    expect(sse.chunks.some((chunk) => Buffer.from(chunk.bytes).toString().startsWith('event: ping'))).toBe(
      true,
    );
    expect(eventsOf(plan).some((json) => json.includes('"ping"'))).toBe(false);
    expect(totalDelay(plan)).toBe(totalDelay(sse));
    expect(plan.chunks[1]?.delay).toBe(800);
  });

  it("puts Bedrock's invocation metrics into message_stop", () => {
    const plan = planBedrockStream(contentScenarios.basic, { timing: { timeToFirstToken: 600 } });
    const stop = JSON.parse(eventsOf(plan).at(-1) ?? '') as Record<string, unknown>;
    const { usage } = contentScenarios.basic.expectedMessage;
    expect(stop).toEqual({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: usage.input_tokens,
        outputTokenCount: usage.output_tokens,
        invocationLatency: totalDelay(plan),
        firstByteLatency: 600,
      },
    });
  });

  it.each([
    ['overloaded_error', 'serviceUnavailableException'],
    ['api_error', 'internalServerException'],
    ['rate_limit_error', 'throttlingException'],
    ['timeout_error', 'modelTimeoutException'],
    ['invalid_request_error', 'validationException'],
  ])('ends the stream with an exception message for an %s event', (errorType, exceptionType) => {
    const failing = scenario('failing').text('Partial answer').error(errorType, 'It broke');
    const messages = decodeMessages(bodyOf(planBedrockStream(failing, { timing: 'instant' })));
    expect(messages.at(-1)).toEqual({
      headers: {
        ':exception-type': exceptionType,
        ':content-type': 'application/json',
        ':message-type': 'exception',
      },
      payload: '{"message":"It broke"}',
    });
  });

  it('sends the malformed event as a chunk whose bytes are not JSON', () => {
    const events = eventsOf(planBedrockStream(faultScenarios.malformedEvent, { timing: 'instant' }));
    expect(events.filter((json) => !isJSON(json))).toHaveLength(1);
  });

  it('ends without message_stop for endWithoutMessageStop', () => {
    const events = eventsOf(planBedrockStream(faultScenarios.noMessageStop, { timing: 'instant' }));
    expect(events.at(-1)).not.toContain('message_stop');
    expect(events.length).toBe(contentScenarios.basic.events.length - 1);
  });

  it('re-cuts the binary body for `chunks`, keeping every byte and the total wait', () => {
    const timing = { timeToFirstToken: 50, tokensPerSecond: 100 };
    const whole = planBedrockStream(contentScenarios.unicode, { timing });
    const bytewise = planBedrockStream(contentScenarios.unicode, { timing, chunks: 1 });
    expect(bytewise.chunks.every((chunk) => chunk.bytes.length === 1)).toBe(true);
    expect(bodyOf(bytewise)).toEqual(bodyOf(whole));
    expect(totalDelay(bytewise)).toBe(totalDelay(whole));
  });

  it.each([
    ['plain', {}],
    ['with SSE framing variations', { encoding: { comments: true, padJson: 3, lineEnding: '\r\n' } }],
    ['realistic, with pings', { timing: { seed: 3, tokensPerSecond: 20, pingInterval: 100 } }],
  ] as const)(
    'drops where the SSE body is cut (%s): the frames of the events it completes, part of the next',
    (_case, serve) => {
      const options: ServeOptions = { timing: 'instant', ...serve };
      for (const afterBytes of [0, 1, 150, 699, 700, 701, 1500, 2500]) {
        const dropping = withFaults(contentScenarios.longAnswer, dropConnection(afterBytes));
        const plan = planBedrockStream(dropping, options);
        expect(plan.end).toBe('drop');
        const frames = wholeMessages(bodyOf(plan)).map(eventOf);
        expect(frames).toEqual(completeSSEEvents(bodyOf(planResponse(dropping, options))));
      }
    },
  );

  it('sends part of the next frame when the SSE bytes end inside an event, none when they end on one', () => {
    const timing = 'instant';
    const whole = planBedrockStream(contentScenarios.basic, { timing });
    const frames = wholeMessages(bodyOf(whole));
    const sse = planResponse(contentScenarios.basic, { timing }).chunks.map((chunk) => chunk.bytes.length);
    const three = (sse[0] ?? 0) + (sse[1] ?? 0) + (sse[2] ?? 0);
    const framed = frames.slice(0, 3).reduce((sum, frame) => sum + frame.length, 0);
    const after = (bytes: number) =>
      bodyOf(planBedrockStream(withFaults(contentScenarios.basic, dropConnection(bytes)), { timing }));
    expect(after(three)).toEqual(bodyOf(whole).subarray(0, framed));
    const half = after(three + Math.floor((sse[3] ?? 0) / 2));
    expect(wholeMessages(half)).toHaveLength(3);
    // About as much of the frame as of the event.
    expect(half.length - framed).toBeCloseTo((frames[3]?.length ?? 0) / 2, -1);
  });

  it('answers an HTTP fault with a Bedrock exception, keeping retry-after', () => {
    const plan = planBedrockStream(faultScenarios.rateLimited, { timing: 'instant' });
    expect(plan.status).toBe(429);
    expect(plan.headers).toMatchObject({
      'retry-after': '1',
      'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
    });
    expect(JSON.parse(Buffer.from(bodyOf(plan)).toString())).toEqual({
      message: 'Number of request tokens has exceeded your per-minute rate limit.',
    });
  });
});

function isJSON(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
