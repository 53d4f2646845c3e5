import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { redactError } from './redact-error.ts';

const KEY = 'sk-ant-test-Zq8v3Kx7Lm2Np9Rw';

/** What the SDK throws for a 400 whose message quotes the key (as a misconfigured proxy's may). */
function quotingError(): InstanceType<typeof Anthropic.APIError> {
  return Anthropic.APIError.generate(
    400,
    {
      type: 'error',
      error: { type: 'invalid_request_error', message: `bad key ${KEY}`, details: { key: KEY } },
      request_id: 'req_1',
    },
    undefined,
    new Headers({ 'request-id': 'req_1' }),
  );
}

describe('redactError', () => {
  it('redacts the message, stack and API body of an SDK error, keeping what makes it useful', () => {
    const error = quotingError();
    const redacted = redactError(error, KEY) as typeof error;
    expect(redacted).toBe(error);
    expect(redacted).toBeInstanceOf(Anthropic.BadRequestError);
    expect(redacted).toMatchObject({
      status: 400,
      requestID: 'req_1',
      type: 'invalid_request_error',
      message: expect.stringContaining('bad key [redacted]') as string,
      error: { error: { message: 'bad key [redacted]', details: { key: '[redacted]' } } },
    });
    expect(redacted.headers?.get('request-id')).toBe('req_1');
    const printed = [redacted.message, redacted.stack, JSON.stringify(redacted)].join('\n');
    expect(printed).not.toContain(KEY);
  });

  it('redacts causes, plain data and headers that quote the key', () => {
    const cause = new Error(`connect failed for ${KEY}`);
    const error = Object.assign(new Error('upstream failed', { cause }), {
      attempts: [{ url: `https://proxy/?key=${KEY}` }],
      headers: new Headers({ 'x-echo': KEY }),
    });
    const redacted = redactError(error, KEY) as typeof error;
    expect((redacted.cause as Error).message).toBe('connect failed for [redacted]');
    expect(redacted.attempts).toEqual([{ url: 'https://proxy/?key=[redacted]' }]);
    expect(redacted.headers.get('x-echo')).toBe('[redacted]');
  });

  it('replaces an error it cannot change with a plain redacted one', () => {
    const frozen = Object.freeze(Object.assign(new Error(`bad key ${KEY}`), { status: 401 }));
    const redacted = redactError(frozen, KEY) as Error & { status?: number };
    expect(redacted).not.toBe(frozen);
    expect(redacted.message).toBe('bad key [redacted]');
    expect(redacted.status).toBe(401);
  });

  it('leaves errors that do not quote the key, and other values, as they were', () => {
    const error = Anthropic.APIError.generate(529, undefined, 'Overloaded', new Headers());
    const { message, stack } = error;
    expect(redactError(error, KEY)).toBe(error);
    expect([error.message, error.stack]).toEqual([message, stack]);
    expect(redactError(`a ${KEY}`, KEY)).toBe('a [redacted]');
    expect(redactError(`a ${KEY}`, undefined)).toBe(`a ${KEY}`);
    expect(redactError(undefined, KEY)).toBeUndefined();
  });
});
