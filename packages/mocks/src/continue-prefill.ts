import { defineScenario } from './define-scenario.ts';
import { cut } from './resolve-scenario.ts';
import type { MockScenario, ScenarioStep } from './scenario-types.ts';
import { startOf } from './scenario-start.ts';

/** The final assistant message of a request: its text as the API reads it, and its last block. */
interface Prefill {
  text: string;
  last: Record<string, unknown> | undefined;
}

/** What an answer cut short by an `error` step or a `pause_turn` goes on with, unless told. */
const END_TURN: readonly ScenarioStep[] = [{ type: 'stop', reason: 'end_turn' }];

/**
 * `scenario` as the API answers a request whose last message is the assistant's (a prefill, such as
 * the partial answer a "Continue" after Stop sends back): the API goes on after it rather than
 * starting over.
 *
 * - When the prefill holds all the scenario streamed (its text, and its last block) and the scenario
 *   has a `continuation`, or ended with an `error` step or a `pause_turn` stop, the answer is that
 *   continuation (default: an `end_turn` stop), after the rest of a text block the `error` step cut
 *   (`cutAt`): the error is behind the point the prefill reached and does not fire again.
 * - Otherwise, when the prefill's text (its text blocks joined, without trailing whitespace, as the
 *   API reads it) begins the scenario's text (its text blocks joined), the answer is the rest of the
 *   text block the prefill ends in, then the steps after that block.
 * - Otherwise, and without a prefill, `scenario` itself.
 *
 * A continued answer keeps the scenario's name, seed and faults.
 *
 * @example
 * continuePrefill(scenarios.basic, {
 *   messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: "Hello! I'm" }],
 * }).expectedText; // ' Claude. How can I help you today?'
 */
export function continuePrefill(scenario: MockScenario, body: unknown): MockScenario {
  const prefill = readPrefill(body);
  const { steps } = scenario;
  // A scenario put together by hand may have events only: nothing to continue from.
  if (!prefill || !Array.isArray(steps)) return scenario;
  if (reachesEnd(scenario, prefill)) {
    const resumed = resume(scenario);
    if (resumed) return resumed;
  }
  if (!prefill.text) return scenario;
  // The text of the scenario's text blocks before the one looked at.
  let before = '';
  for (const [position, step] of steps.entries()) {
    if (step.type !== 'text') continue;
    const sent = before + cut(step.text, step.cutAt);
    if (sent.length < prefill.text.length) {
      before = sent;
      continue;
    }
    if (!sent.startsWith(prefill.text)) return scenario;
    const done = step.text.slice(0, prefill.text.length - before.length);
    const rest = step.text.slice(done.length);
    // `cutAt` counts code points from the start of the block.
    const cutAt = step.cutAt === undefined ? undefined : step.cutAt - Array.from(done).length;
    const kept: ScenarioStep[] = steps.slice(position + 1);
    // A prefill that ends a block leaves nothing of it: the API goes on with the next one.
    if (cut(rest, cutAt)) kept.unshift({ ...step, text: rest, ...(cutAt === undefined ? {} : { cutAt }) });
    return answer(scenario, kept);
  }
  return scenario;
}

/**
 * Whether the prefill holds everything the scenario streamed: all of its text, and its last block
 * (text for text; otherwise the same type and `id` or `tool_use_id`, as a paused turn sent back has).
 */
function reachesEnd(scenario: MockScenario, prefill: Prefill): boolean {
  const { content } = scenario.expectedMessage;
  const final = content.at(-1) as Record<string, unknown> | undefined;
  const { last } = prefill;
  if (!final || !last || last['type'] !== final['type']) return false;
  const text = content
    .map((block) => (block.type === 'text' ? String(block.text) : ''))
    .join('')
    .trimEnd();
  return text === prefill.text && ['id', 'tool_use_id'].every((key) => final[key] === last[key]);
}

/** The answer to a request that continues the scenario from its end, or undefined when it has none. */
function resume(scenario: MockScenario): MockScenario | undefined {
  const { steps, continuation } = scenario;
  const end = steps.at(-1);
  // Cut off by max_tokens: continued, the answer goes on where the cut left it, as the API's does.
  const cutOff = end?.type === 'stop' && end.reason === 'max_tokens';
  const interrupted =
    end?.type === 'error' || cutOff || (end?.type === 'stop' && end.reason === 'pause_turn');
  if (!continuation && !interrupted) return undefined;
  const rest: ScenarioStep[] = [];
  const broken = end?.type === 'error' || cutOff ? steps.at(-2) : undefined;
  if (broken?.type === 'text' && broken.cutAt !== undefined) {
    const { cutAt, ...whole } = broken;
    const text = Array.from(broken.text).slice(Math.max(0, cutAt)).join('');
    if (text) rest.push({ ...whole, text });
  }
  // The continuation's own message_start (its input usage), else the scenario's.
  return answer(scenario, [...rest, ...(continuation?.steps ?? END_TURN)], continuation ?? scenario);
}

/** `steps` as the scenario's own answer (its name, seed and faults), starting as `start` does. */
function answer(scenario: MockScenario, steps: ScenarioStep[], start: MockScenario = scenario): MockScenario {
  return defineScenario({
    name: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    ...startOf(start),
    steps,
    faults: scenario.faults,
  });
}

/** The final assistant message of a request, or undefined when the last message is not the assistant's. */
function readPrefill(body: unknown): Prefill | undefined {
  const messages = (body as { messages?: unknown } | null)?.messages;
  const last = (Array.isArray(messages) ? messages.at(-1) : undefined) as
    | { role?: unknown; content?: unknown }
    | null
    | undefined;
  if (last?.role !== 'assistant') return undefined;
  const { content } = last;
  const blocks: unknown[] =
    typeof content === 'string' ? [{ type: 'text', text: content }] : [content].flat();
  const text = blocks
    .map((block) => {
      const { type, text: value } = (block ?? {}) as { type?: unknown; text?: unknown };
      return type === 'text' && typeof value === 'string' ? value : '';
    })
    .join('')
    .trimEnd();
  const final = blocks.at(-1);
  return {
    text,
    last: typeof final === 'object' && final !== null ? (final as Record<string, unknown>) : undefined,
  };
}
