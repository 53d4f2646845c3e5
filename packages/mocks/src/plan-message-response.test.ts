import { describe, expect, it } from 'vitest';
import { contentScenarios } from './catalogue-content.ts';
import { faultScenarios } from './catalogue-faults.ts';
import { stall } from './faults.ts';
import { planResponse } from './plan-response.ts';
import { withFaults } from './with-faults.ts';
import { planMessageResponse } from './plan-message-response.ts';

const totalDelay = (chunks: readonly { delay: number }[]): number =>
  chunks.reduce((total, chunk) => total + chunk.delay, 0);

describe('planMessageResponse', () => {
  it('answers when the stream would have ended, stalls included', () => {
    const slow = withFaults(contentScenarios.toolUse, stall(2_000, 2));
    const streamed = planResponse(slow, { timing: 'realistic' });
    const answered = planMessageResponse(slow, { timing: 'realistic' });
    expect(totalDelay(streamed.chunks)).toBeGreaterThan(2_000);
    expect(answered.chunks.map((chunk) => chunk.delay)).toEqual([totalDelay(streamed.chunks)]);
    expect(answered.headers['content-type']).toBe('application/json');
    expect(answered.headers['request-id']).toBe(streamed.headers['request-id']);
  });

  it('answers at once with instant timing, with the message as JSON', () => {
    const plan = planMessageResponse(contentScenarios.thinking, { timing: 'instant' });
    expect(plan.status).toBe(200);
    expect(plan.chunks[0]?.delay).toBe(0);
    const text = new TextDecoder().decode(plan.chunks[0]?.bytes);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(contentScenarios.thinking.expectedMessage)));
  });

  it('passes a wrong content type on as it is', () => {
    const plan = planMessageResponse(faultScenarios.wrongContentType, { timing: 'instant' });
    expect(plan).toEqual(planResponse(faultScenarios.wrongContentType, { timing: 'instant' }));
  });

  it('ignores the plain-text protocol and resumable numbering, which only streams have', () => {
    const plan = planMessageResponse(contentScenarios.basic, {
      timing: 'instant',
      protocol: 'text',
      resumable: true,
    });
    const text = new TextDecoder().decode(plan.chunks[0]?.bytes);
    expect(JSON.parse(text)).toMatchObject({
      type: 'message',
      id: contentScenarios.basic.expectedMessage.id,
    });
    expect(plan.events).toBeUndefined();
  });
});
