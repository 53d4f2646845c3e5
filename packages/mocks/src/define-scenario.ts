import { compileTimeline } from './compile-events.ts';
import { compileExpected } from './compile-expected.ts';
import { expectedErrorOf } from './expected-error.ts';
import { resolveScenario } from './resolve-scenario.ts';
import type { MockScenario, ScenarioDescription, ScenarioStep, ToolUseStep } from './scenario-types.ts';
import { BLOCK_STEPS, checkUsageOrder } from './usage-order.ts';
import { checkChunking, checkInteger, checkMilliseconds } from './check-arguments.ts';
import { checkFaultPositions } from './with-faults.ts';
import { type ScenarioStart, startOf } from './scenario-start.ts';

/**
 * Compiles a scenario described as data into its events and expected outcome.
 *
 * @example
 * const weather = defineScenario({
 *   name: 'weather',
 *   steps: [
 *     { type: 'text', text: 'Let me check.' },
 *     { type: 'tool_use', name: 'get_weather', input: { city: 'Paris' }, fragments: 1 },
 *     { type: 'stop', reason: 'tool_use' },
 *   ],
 * });
 * weather.expectedMessage.content[1]; // { type: 'tool_use', id: 'toolu_01…', name: 'get_weather', input: { city: 'Paris' } }
 */
export function defineScenario(description: ScenarioDescription): MockScenario {
  validateSteps(description);
  const resolved = resolveScenario(description);
  const timeline = compileTimeline(resolved);
  const expected = compileExpected(resolved);
  const faults = description.faults ?? [];
  checkFaultPositions(resolved.name, faults, timeline.length);
  const expectedError = expectedErrorOf(faults) ?? expected.error;
  const continuation = continuationOf(description);
  return {
    name: resolved.name,
    description: resolved.description,
    seed: resolved.seed,
    steps: description.steps,
    events: timeline.map((entry) => entry.event),
    timeline,
    expectedMessage: expected.message,
    expectedText: expected.text,
    ...(expectedError ? { expectedError } : {}),
    faults,
    ...(continuation ? { continuation } : {}),
  };
}

/**
 * The description's continuation compiled as this scenario's own answer: its name, seed and model,
 * and the input usage of a built continuation, or else this scenario's.
 */
function continuationOf(description: ScenarioDescription): MockScenario | undefined {
  const { continuation, name, description: text, seed } = description;
  if (continuation === undefined) return undefined;
  const steps: unknown = Array.isArray(continuation)
    ? continuation
    : (continuation as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) {
    throw new TypeError(`Scenario "${name}": the continuation must be steps or a built scenario`);
  }
  return defineScenario({
    name,
    steps,
    ...(text === undefined ? {} : { description: text }),
    ...(seed === undefined ? {} : { seed }),
    ...startOfDescription(description),
    // A built continuation is a request of its own: its input usage, the scenario's model.
    ...(Array.isArray(continuation) ? {} : inputUsageOf(continuation as MockScenario)),
  });
}

/** A built scenario's input usage at `message_start`, without its model. */
function inputUsageOf(scenario: MockScenario): ScenarioStart {
  const { model: _model, ...usage } = startOf(scenario);
  return usage;
}

/** The `message_start` fields a description gives (model, input usage), as given. */
function startOfDescription(description: ScenarioDescription): ScenarioStart {
  const fields = ['model', 'inputTokens', 'cacheCreationInputTokens', 'cacheReadInputTokens'] as const;
  return Object.fromEntries(
    fields.filter((field) => description[field] !== undefined).map((field) => [field, description[field]]),
  );
}

/** The field of each step that must be a string (the text a client will read). */
const TEXT_FIELDS: Partial<Record<ScenarioStep['type'], string>> = {
  text: 'text',
  thinking: 'thinking',
  redacted_thinking: 'data',
  tool_use: 'name',
  server_tool_use: 'name',
  mcp_tool_use: 'name',
};

const STEP_TYPES: ReadonlySet<string> = new Set<ScenarioStep['type']>([
  ...BLOCK_STEPS,
  'ping',
  'event',
  'usage',
  'pause',
  'stop',
  'error',
]);

// The API's rule for tool names: a client reading a call named otherwise could not answer it.
const TOOL_NAME = /^[\w-]{1,64}$/u;

/** What a stop step holds: its type and reason, then the options of `stop()`. */
const STOP_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'reason',
  'stopSequence',
  'stopDetails',
  'container',
  'contextManagement',
  'usage',
]);

/** Throws for what a step's options cannot mean: an unknown type, a bad chunking, pause or cut. */
function checkStepOptions(name: string, step: ScenarioStep, position: number): void {
  const where = `Scenario "${name}", step ${position}`;
  if (!STEP_TYPES.has((step as { type?: unknown } | null)?.type as string)) {
    throw new TypeError(
      `${where}: unknown step type ${JSON.stringify((step as { type?: unknown } | null)?.type)} (one of ${[...STEP_TYPES].join(', ')})`,
    );
  }
  const { chunking, fragments, cutAt, ms } = step as {
    chunking?: unknown;
    fragments?: unknown;
    cutAt?: unknown;
    ms?: unknown;
  };
  if (step.type === 'stop') {
    // A misspelt option would be left out of the stream without a word.
    const unknown = Object.keys(step).find((key) => !STOP_FIELDS.has(key));
    if (unknown !== undefined) {
      throw new TypeError(
        `${where}: stop() has no option "${unknown}" (${[...STOP_FIELDS].slice(2).join(', ')})`,
      );
    }
  }
  checkChunking(`${where}: chunking`, chunking);
  checkChunking(`${where}: fragments`, fragments);
  if (step.type === 'pause') checkMilliseconds(`${where}: pause`, ms);
  if ((step.type === 'tool_use' || step.type === 'server_tool_use') && !TOOL_NAME.test(step.name)) {
    throw new TypeError(`${where}: tool name "${step.name}" must be 1 to 64 letters, digits, _ or -`);
  }
  if (cutAt !== undefined) {
    const length =
      step.type === 'text'
        ? Array.from(step.text).length
        : Array.from(JSON.stringify((step as ToolUseStep).input)).length;
    checkInteger(`${where}: cutAt`, cutAt, 0, length);
  }
}

function validateSteps(description: ScenarioDescription): void {
  const { steps, name } = description;
  let afterUsage = false;
  steps.forEach((step, position) => {
    const field = TEXT_FIELDS[step.type];
    const value = field === undefined ? undefined : (step as unknown as Record<string, unknown>)[field];
    if (field !== undefined && typeof value !== 'string') {
      throw new TypeError(
        `Scenario "${name}": the ${step.type} step's ${field} must be a string, got ${typeof value}`,
      );
    }
    const input = (step as { input?: unknown }).input;
    if (
      (step.type === 'tool_use' || step.type === 'server_tool_use' || step.type === 'mcp_tool_use') &&
      (typeof input !== 'object' || input === null || Array.isArray(input))
    ) {
      throw new TypeError(
        `Scenario "${name}": the ${step.type} step's input must be an object (the API's tool input is one)`,
      );
    }
    if (step.type === 'mcp_tool_use' && (typeof step.serverName !== 'string' || step.serverName === '')) {
      throw new TypeError(`Scenario "${name}": the mcp_tool_use step's serverName must name the MCP server`);
    }
    checkStepOptions(name, step, position);
    checkUsageOrder(name, step, afterUsage);
    afterUsage ||= step.type === 'usage';
    const last = position === steps.length - 1;
    if ((step.type === 'stop' || step.type === 'error') && !last) {
      throw new Error(`Scenario "${name}": a ${step.type} step must be the last step.`);
    }
    const cutBlock =
      (step.type === 'text' ||
        step.type === 'tool_use' ||
        step.type === 'server_tool_use' ||
        step.type === 'mcp_tool_use') &&
      step.cutAt !== undefined;
    const next = steps[position + 1];
    if (cutBlock && next && next.type !== 'stop' && next.type !== 'error') {
      throw new Error(`Scenario "${name}": a cut block (cutAt) can only be followed by a stop or an error.`);
    }
  });
}
