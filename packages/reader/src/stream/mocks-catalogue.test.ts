import { contentScenarios, createMockResponse, faultScenarios, type MockScenario } from '@chatstream/mocks';
import { describe, expect, it } from 'vitest';
import { expectedErrorClass } from '../test/expected-error-class.ts';
import { BufferLimitError, TimeoutError } from '../errors.ts';
import { streamMessage } from '../fetch/stream-message.ts';
import { segmentText } from '../text/segment-text.ts';
import { readMessageStream } from './read-message-stream.ts';

// Every scenario of the shared catalogue, read the way an app reads it.
describe('the mocks catalogue through readMessageStream', () => {
  for (const scenario of Object.values<MockScenario>(contentScenarios)) {
    it(`${scenario.name}: finalMessage() equals the scenario's expected message`, async () => {
      const stream = readMessageStream(
        createMockResponse(scenario, { timing: 'instant', chunks: { min: 1, max: 40 } }),
      );
      expect(await stream.finalMessage()).toEqual(scenario.expectedMessage);
    });
  }

  for (const granularity of ['sentence', 'word', 'line'] as const) {
    it(`every scenario in ${granularity}s: segmentText's pieces join to finalText()`, async () => {
      for (const scenario of Object.values<MockScenario>(contentScenarios)) {
        const stream = readMessageStream(
          createMockResponse(scenario, { timing: 'instant', chunks: { min: 1, max: 40 } }),
        );
        const pieces: string[] = [];
        for await (const piece of segmentText(stream, granularity, 'en')) pieces.push(piece);
        // Before: the blank line after a search was lost when the text after it came in small deltas.
        expect({ scenario: scenario.name, text: pieces.join('') }).toEqual({
          scenario: scenario.name,
          text: await stream.finalText(),
        });
      }
    });
  }

  it('maxTokensInToolInput: the cut tool input is flagged incomplete, never presented as complete', async () => {
    const stream = readMessageStream(
      createMockResponse(contentScenarios.maxTokensInToolInput, { timing: 'instant' }),
    );
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('max_tokens');
    expect(stream.snapshot?.blocks.map((block) => block.inputComplete)).toEqual([undefined, false]);
  });

  const errorClass = expectedErrorClass;

  for (const scenario of Object.values<MockScenario>(faultScenarios)) {
    const expected = scenario.expectedError;
    if (!expected) continue;
    it(`${scenario.name}: fails with a typed ${expected.kind} error`, async () => {
      const error: unknown = await readMessageStream(createMockResponse(scenario, { timing: 'instant' }))
        .finalMessage()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(errorClass[expected.kind]);
      // The mocks speak the reader's words: a test compares the two as they are.
      expect(error).toMatchObject({
        kind: expected.kind,
        ...(expected.status === undefined ? {} : { status: expected.status }),
        ...(expected.errorType === undefined ? {} : { errorType: expected.errorType }),
        ...(expected.contentType === undefined ? {} : { contentType: expected.contentType }),
      });
    });
  }

  it('stalled: an idle timeout fails with a TimeoutError keeping message_start', async () => {
    const error: unknown = await readMessageStream(
      createMockResponse(faultScenarios.stalled, { timing: 'instant' }),
      {
        idleTimeoutMs: 50,
      },
    )
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).partial?.message.id).toBe(faultScenarios.stalled.expectedMessage.id);
  });

  it('oversizedEvent: a buffer limit fails with a BufferLimitError', async () => {
    const error: unknown = await readMessageStream(
      createMockResponse(faultScenarios.oversizedEvent, { timing: 'instant' }),
      {
        maxBufferSize: 64 * 1024,
      },
    )
      .finalMessage()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BufferLimitError);
  });

  it('flakyThenOk: streamMessage retries the 529s and gets the message', async () => {
    let attempt = 0;
    const stream = streamMessage(
      { url: 'http://127.0.0.1/v1/messages', body: {} },
      {
        fetch: () =>
          Promise.resolve(
            createMockResponse(faultScenarios.flakyThenOk, { timing: 'instant', attempt: attempt++ }),
          ),
        sleep: () => Promise.resolve(),
      },
    );
    expect(await stream.finalMessage()).toEqual(faultScenarios.flakyThenOk.expectedMessage);
    expect(attempt).toBe(3);
  });
});
