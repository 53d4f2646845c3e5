import { describe, expect, it } from 'vitest';
import { scenario } from './builder.ts';
import { httpError } from './faults.ts';

describe('options set to undefined', () => {
  it('httpError: keep the defaults of the status', () => {
    expect(
      httpError(429, {
        retryAfter: undefined,
        errorType: undefined,
        message: undefined,
        body: undefined,
      }),
    ).toEqual(httpError(429));
    expect(httpError(429, { retryAfter: 5, errorType: undefined })).toEqual({
      ...httpError(429),
      retryAfter: 5,
    });
  });

  it('scenario steps: compile to what the steps without them do', () => {
    const given = scenario('same', { seed: undefined, model: undefined, inputTokens: undefined })
      .text('Hello there.', { chunking: undefined, cutAt: undefined, citations: undefined })
      .toolUse('get_weather', { city: 'Paris' }, { id: undefined, fragments: undefined })
      .stop('tool_use', { usage: { output_tokens: undefined, input_tokens: undefined } });
    const left = scenario('same')
      .text('Hello there.')
      .toolUse('get_weather', { city: 'Paris' })
      .stop('tool_use', { usage: {} });
    expect(given.events).toEqual(left.events);
    expect(given.expectedMessage).toEqual(left.expectedMessage);
    expect(given.expectedMessage.usage.output_tokens).toBeGreaterThan(0);
  });
});
