import { type PlayOptions, playPlan } from './play-plan.ts';
import { planResponse, type ServeOptions } from './plan-response.ts';
import type { MockScenario } from './scenario-types.ts';

/** Options of {@link createMockResponse} and {@link createMockStream}. */
export interface MockStreamOptions extends ServeOptions, PlayOptions {}

/**
 * The scenario as a Web `Response`, exactly as the API (or a relay in front of it) would answer:
 * status, headers (`content-type`, `request-id`, `retry-after`, …) and a timed body. HTTP faults give
 * their error response; stream faults shape the body.
 *
 * @example
 * const response = createMockResponse(scenarios.toolUse, { timing: 'instant' });
 * const message = await readMessageStream(response).finalMessage();
 * expect(message).toEqual(scenarios.toolUse.expectedMessage);
 */
export function createMockResponse(scenario: MockScenario, options: MockStreamOptions = {}): Response {
  const plan = planResponse(scenario, options);
  return new Response(playPlan(plan, options), { status: plan.status, headers: plan.headers });
}

/**
 * Just the body bytes of {@link createMockResponse} as a `ReadableStream<Uint8Array>`.
 *
 * @example
 * const body = createMockStream(scenarios.basic, { timing: 'instant', chunks: 1 }); // one byte per chunk
 */
export function createMockStream(
  scenario: MockScenario,
  options: MockStreamOptions = {},
): ReadableStream<Uint8Array> {
  return playPlan(planResponse(scenario, options), options);
}
