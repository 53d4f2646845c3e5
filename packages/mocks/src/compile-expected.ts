import { serverOf } from './server-of-step.ts';
import { type ContentBlock, joinTextBlocks, type Message, type Usage } from '@chatstream/reader';
import { cut, type ResolvedScenario } from './resolve-scenario.ts';
import type { ExpectedError, UsageUpdate } from './scenario-types.ts';
import { readCutToolInput, stringifyToolInput } from './tool-input-json.ts';

/** What a correct client ends up with for a resolved scenario. */
export interface ExpectedOutcome {
  message: Message;
  text: string;
  error?: ExpectedError;
}

/**
 * Computes the final message straight from the description (never by replaying events): each step
 * contributes its block as the SDK's `finalMessage()` shows it, usage follows the SDK's overwrite
 * rules, and an `error` step ends the message where it stands.
 */
export function compileExpected(scenario: ResolvedScenario): ExpectedOutcome {
  const content: ContentBlock[] = [];
  const message: Message = {
    id: scenario.messageId,
    type: 'message',
    role: 'assistant',
    model: scenario.model,
    content,
    stop_reason: null,
    stop_sequence: null,
    usage: structuredClone(scenario.startUsage),
  };
  for (const step of scenario.steps) {
    switch (step.type) {
      case 'text': {
        const text: ContentBlock = { type: 'text', text: cut(step.text, step.cutAt) };
        // The stream starts text blocks without `citations`; the SDK creates the array on the first one.
        if (step.citations && step.citations.length > 0)
          text.citations = structuredClone([...step.citations]);
        content.push(text);
        break;
      }
      case 'thinking':
        content.push({ type: 'thinking', thinking: step.thinking, signature: step.signature });
        break;
      case 'redacted_thinking':
        content.push({ type: 'redacted_thinking', data: step.data });
        break;
      case 'tool_use':
      case 'server_tool_use':
      case 'mcp_tool_use': {
        const input =
          step.cutAt === undefined
            ? structuredClone(step.input)
            : readCutToolInput(step.input, cut(stringifyToolInput(step.input), step.cutAt).length);
        content.push({ type: step.type, id: step.id, name: step.name, ...serverOf(step), input });
        break;
      }
      case 'block':
        content.push(structuredClone(step.block));
        break;
      case 'usage':
        // A usage-only message_delta still carries `stop_reason: null`, which the SDK copies.
        message.stop_reason = null;
        message.stop_sequence = null;
        applyUsage(message.usage, step.usage);
        break;
      case 'stop':
        message.stop_reason = step.reason;
        message.stop_sequence = step.stopSequence ?? null;
        if (step.stopDetails !== undefined) message.stop_details = structuredClone(step.stopDetails);
        // Kept as the reader keeps them (the SDK's beta stream too; `container` by every SDK).
        if (step.container != null) message['container'] = structuredClone(step.container);
        if (step.contextManagement != null) {
          message['context_management'] = structuredClone(step.contextManagement);
        }
        applyUsage(message.usage, step.usage);
        break;
      case 'error':
        return {
          message,
          text: joinTextBlocks(content),
          error: { kind: 'stream-event', errorType: step.errorType },
        };
      default:
        break;
    }
  }
  return { message, text: joinTextBlocks(content) };
}

/** `message_delta` usage holds running totals: overwrite the counters that are present and non-null. */
function applyUsage(usage: Usage, update: UsageUpdate & { output_tokens: number }): void {
  usage.output_tokens = update.output_tokens;
  for (const key of [
    'input_tokens',
    'cache_creation_input_tokens',
    'cache_read_input_tokens',
    'server_tool_use',
  ] as const) {
    const value = update[key];
    if (value !== undefined && value !== null) usage[key] = structuredClone(value) as never;
  }
}
