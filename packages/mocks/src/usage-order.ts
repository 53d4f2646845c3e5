import type { ScenarioStep } from './scenario-types.ts';

/** The step types that stream a content block. */
export const BLOCK_STEPS: ReadonlySet<ScenarioStep['type']> = new Set([
  'text',
  'thinking',
  'redacted_thinking',
  'tool_use',
  'server_tool_use',
  'mcp_tool_use',
  'block',
]);

/**
 * Throws a `TypeError` when `step` streams a content block after a usage step of scenario `name`:
 * a usage step is a `message_delta`, and the API sends those only after the last block.
 *
 * @example
 * checkUsageOrder('weather', { type: 'text', text: 'Hi' }, true); // throws
 */
export function checkUsageOrder(name: string, step: ScenarioStep, afterUsage: boolean): void {
  if (!afterUsage || !BLOCK_STEPS.has(step.type)) return;
  throw new TypeError(
    `Scenario "${name}": a ${step.type} step cannot follow a usage step. A usage step is a message_delta, ` +
      'which the API sends only after the last content block: move it after the last block, before the stop.',
  );
}
