import { defineScenario } from './define-scenario.ts';
import { cut } from './resolve-scenario.ts';
import type { MockScenario, ScenarioStep } from './scenario-types.ts';

/**
 * `scenario` as the API answers a request whose last message is the assistant's (a prefill, such as
 * the partial answer a "Continue" after Stop sends back): the API goes on after it rather than
 * starting over. When the prefill's text (its text blocks joined, without trailing whitespace, as the
 * API reads it) begins the scenario's text (its text blocks joined), the answer is the rest of the
 * text block the prefill ends in, then the steps after that block, with the scenario's name, seed and
 * faults. Otherwise, and without a prefill, `scenario` itself.
 *
 * @example
 * continuePrefill(scenarios.basic, {
 *   messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: "Hello! I'm" }],
 * }).expectedText; // ' Claude. How can I help you today?'
 */
export function continuePrefill(scenario: MockScenario, body: unknown): MockScenario {
  const prefill = prefillText(body);
  const { steps } = scenario;
  // A scenario put together by hand may have events only: nothing to continue from.
  if (!prefill || !Array.isArray(steps)) return scenario;
  // The text of the scenario's text blocks before the one looked at.
  let before = '';
  for (const [position, step] of steps.entries()) {
    if (step.type !== 'text') continue;
    const sent = before + cut(step.text, step.cutAt);
    if (sent.length < prefill.length) {
      before = sent;
      continue;
    }
    if (!sent.startsWith(prefill)) return scenario;
    const done = step.text.slice(0, prefill.length - before.length);
    const rest = step.text.slice(done.length);
    // `cutAt` counts code points from the start of the block.
    const cutAt = step.cutAt === undefined ? undefined : step.cutAt - Array.from(done).length;
    const kept: ScenarioStep[] = steps.slice(position + 1);
    // A prefill that ends a block leaves nothing of it: the API goes on with the next one.
    if (cut(rest, cutAt)) kept.unshift({ ...step, text: rest, ...(cutAt === undefined ? {} : { cutAt }) });
    return defineScenario({
      name: scenario.name,
      description: scenario.description,
      seed: scenario.seed,
      ...startOf(scenario),
      steps: kept,
      faults: scenario.faults,
    });
  }
  return scenario;
}

/** The text of a final assistant message: its text blocks joined, without trailing whitespace. */
function prefillText(body: unknown): string {
  const messages = (body as { messages?: unknown } | null)?.messages;
  const last = (Array.isArray(messages) ? messages.at(-1) : undefined) as
    | { role?: unknown; content?: unknown }
    | null
    | undefined;
  if (last?.role !== 'assistant') return '';
  const { content } = last;
  const blocks: unknown[] =
    typeof content === 'string' ? [{ type: 'text', text: content }] : [content].flat();
  return blocks
    .map((block) => {
      const { type, text } = (block ?? {}) as { type?: unknown; text?: unknown };
      return type === 'text' && typeof text === 'string' ? text : '';
    })
    .join('')
    .trimEnd();
}

/** The model and input tokens of the scenario's `message_start`, which its compiled form keeps. */
function startOf(scenario: MockScenario): { model?: string; inputTokens?: number } {
  const start = scenario.events[0] as
    | { type?: unknown; message?: { model?: unknown; usage?: { input_tokens?: unknown } } }
    | undefined;
  if (start?.type !== 'message_start') return {};
  const { model, usage } = start.message ?? {};
  return {
    ...(typeof model === 'string' ? { model } : {}),
    ...(typeof usage?.input_tokens === 'number' ? { inputTokens: usage.input_tokens } : {}),
  };
}
