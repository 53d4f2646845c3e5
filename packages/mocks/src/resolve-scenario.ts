import { TOOL_ID_PREFIXES } from './tool-id-prefixes.ts';
import type { Usage } from '@chatstream/reader';
import { createId, stepRandom } from './ids.ts';
import { createRandom, hashSeed } from './prng.ts';
import { countServerToolUse } from './server-tool-usage.ts';
import type {
  BlockStep,
  ErrorStep,
  PauseStep,
  PingStep,
  RawEventStep,
  RedactedThinkingStep,
  ScenarioDescription,
  StopStep,
  TextStep,
  ThinkingStep,
  ToolUseStep,
  UsageStep,
  UsageUpdate,
} from './scenario-types.ts';
import { stringifyToolInput } from './tool-input-json.ts';

/** The default model name in mocked messages. */
export const DEFAULT_MODEL = 'claude-sonnet-4-6';

/** A step with its ids, signature and final usage decided. */
export type ResolvedStep =
  | TextStep
  | RedactedThinkingStep
  | BlockStep
  | PingStep
  | RawEventStep
  | PauseStep
  | ErrorStep
  | (UsageStep & { usage: UsageUpdate & { output_tokens: number } })
  | (ToolUseStep & { id: string })
  | (ThinkingStep & { signature: string })
  | (StopStep & { usage: UsageUpdate & { output_tokens: number } });

/** A description with every default filled in, shared by the event and expected-message compilers. */
export interface ResolvedScenario {
  name: string;
  description: string;
  seed: number;
  messageId: string;
  model: string;
  startUsage: Usage;
  steps: ResolvedStep[];
}

/**
 * Fills in seeded ids and signatures, the final output token count, and the final
 * `server_tool_use` counted from the web tool steps unless the stop step gives it.
 */
export function resolveScenario(description: ScenarioDescription): ResolvedScenario {
  const seed = description.seed ?? hashSeed(description.name);
  const random = createRandom(seed);
  const messageId = createId('msg', random);
  let outputTokens = 0;
  const steps = description.steps.map((step, position): ResolvedStep => {
    switch (step.type) {
      case 'text':
        outputTokens += estimateTokens(cut(step.text, step.cutAt));
        return step;
      case 'thinking':
        outputTokens += estimateTokens(step.thinking);
        return { ...step, signature: step.signature ?? createSignature(random) };
      case 'tool_use':
      case 'server_tool_use':
      case 'mcp_tool_use':
        outputTokens += estimateTokens(cut(stringifyToolInput(step.input), step.cutAt));
        return {
          ...step,
          id:
            step.id ??
            createId(TOOL_ID_PREFIXES[step.type], stepRandom(description.name, position, description.seed)),
        };
      case 'usage':
        return { ...step, usage: resolvedUsage(step.usage, outputTokens) };
      case 'stop': {
        const usage = resolvedUsage(step.usage, outputTokens);
        const counted = 'server_tool_use' in usage ? undefined : countServerToolUse(description.steps);
        return { ...step, usage: counted ? { ...usage, server_tool_use: counted } : usage };
      }
      default:
        return step;
    }
  });
  return {
    name: description.name,
    description: description.description ?? '',
    seed,
    messageId,
    model: description.model ?? DEFAULT_MODEL,
    startUsage: {
      input_tokens: description.inputTokens ?? 24,
      cache_creation_input_tokens: description.cacheCreationInputTokens ?? 0,
      cache_read_input_tokens: description.cacheReadInputTokens ?? 0,
      cache_creation: {
        ephemeral_5m_input_tokens: description.cacheCreationInputTokens ?? 0,
        ephemeral_1h_input_tokens: 0,
      },
      output_tokens: 1,
      service_tier: 'standard',
    },
    steps,
  };
}

/**
 * The usage of a `usage` or `stop` step: the counters given, over an output token count estimated
 * from the text so far. A counter set to `undefined` is left out, as one not given is.
 */
function resolvedUsage(
  usage: UsageUpdate | undefined,
  outputTokens: number,
): UsageUpdate & { output_tokens: number } {
  const given = Object.entries(usage ?? {}).filter((entry) => entry[1] !== undefined);
  return { output_tokens: Math.max(1, outputTokens), ...Object.fromEntries(given) };
}

/** The first `cutAt` code points of `text` (all of it when `cutAt` is undefined). */
export function cut(text: string, cutAt: number | undefined): string {
  if (cutAt === undefined) return text;
  return Array.from(text).slice(0, Math.max(0, cutAt)).join('');
}

/** Roughly four characters per token, like English text; good enough for plausible usage numbers. */
export function estimateTokens(text: string): number {
  return Math.ceil(Array.from(text).length / 4);
}

function createSignature(random: ReturnType<typeof createRandom>): string {
  // Real signatures are long base64 blobs; the shape matters, not the content.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let signature = 'Eq';
  for (let i = 0; i < 86; i++) signature += alphabet[random.int(0, alphabet.length - 1)];
  return `${signature}==`;
}
