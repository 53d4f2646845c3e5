import type { MockScenario, ScenarioDescription } from './scenario-types.ts';

/** What a scenario's `message_start` says besides its content: the model and the input usage. */
export type ScenarioStart = Pick<
  ScenarioDescription,
  'model' | 'inputTokens' | 'cacheCreationInputTokens' | 'cacheReadInputTokens'
>;

/** The model and input usage of a built scenario's `message_start`, which its compiled events keep. */
export function startOf(scenario: MockScenario): ScenarioStart {
  const start = scenario.events[0] as
    | { type?: unknown; message?: { model?: unknown; usage?: Record<string, unknown> } }
    | undefined;
  if (start?.type !== 'message_start') return {};
  const { model, usage = {} } = start.message ?? {};
  const count = (field: string): number | undefined =>
    typeof usage[field] === 'number' ? usage[field] : undefined;
  const counts = {
    inputTokens: count('input_tokens'),
    cacheCreationInputTokens: count('cache_creation_input_tokens'),
    cacheReadInputTokens: count('cache_read_input_tokens'),
  };
  return {
    ...(typeof model === 'string' ? { model } : {}),
    ...Object.fromEntries(Object.entries(counts).filter((entry) => entry[1] !== undefined)),
  };
}
