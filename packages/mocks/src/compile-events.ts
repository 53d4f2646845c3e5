import { BLOCK_STEPS } from './usage-order.ts';
import { serverOf } from './server-of-step.ts';
import type { ContentBlock, MessageStreamEvent } from '@chatstream/reader';
import { splitText } from './chunking.ts';
import { cut, type ResolvedScenario, type ResolvedStep } from './resolve-scenario.ts';
import type { StreamEvent, TimelineEntry } from './scenario-types.ts';
import { stringifyToolInput } from './tool-input-json.ts';

/** Turns a resolved scenario into the Anthropic events it streams, with the script's pauses. */
export function compileTimeline(scenario: ResolvedScenario): TimelineEntry[] {
  const timeline: TimelineEntry[] = [];
  let pause = 0;
  const push = (event: StreamEvent): void => {
    timeline.push({ event, pauseBefore: pause });
    pause = 0;
  };
  push({
    type: 'message_start',
    message: {
      id: scenario.messageId,
      type: 'message',
      role: 'assistant',
      model: scenario.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: structuredClone(scenario.startUsage),
    },
  });
  let index = 0;
  for (const step of scenario.steps) {
    if (step.type === 'pause') {
      pause += step.ms;
      continue;
    }
    const events = stepEvents(step, index, scenario.seed);
    for (const event of events) push(event);
    if (isBlockStep(step)) index += 1;
  }
  return timeline;
}

function isBlockStep(step: ResolvedStep): boolean {
  return BLOCK_STEPS.has(step.type);
}

function stepEvents(step: ResolvedStep, index: number, seed: number): StreamEvent[] {
  switch (step.type) {
    case 'text': {
      const pieces = splitText(cut(step.text, step.cutAt), step.chunking, seed + index);
      const deltas: MessageStreamEvent[] = pieces.map((text) => ({
        type: 'content_block_delta',
        index,
        delta: { type: 'text_delta', text },
      }));
      const citations: MessageStreamEvent[] = (step.citations ?? []).map((citation) => ({
        type: 'content_block_delta',
        index,
        delta: { type: 'citations_delta', citation },
      }));
      const at = Math.min(step.citationsAfter ?? 1, deltas.length);
      deltas.splice(at, 0, ...citations);
      return block(index, { type: 'text', text: '' }, deltas, step.cutAt === undefined);
    }
    case 'thinking': {
      const deltas: MessageStreamEvent[] = splitText(step.thinking, step.chunking, seed + index).map(
        (thinking) => ({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } }),
      );
      deltas.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'signature_delta', signature: step.signature },
      });
      return block(index, { type: 'thinking', thinking: '', signature: '' }, deltas, true);
    }
    case 'redacted_thinking':
      return block(index, { type: 'redacted_thinking', data: step.data }, [], true);
    case 'tool_use':
    case 'server_tool_use':
    case 'mcp_tool_use': {
      const json = cut(stringifyToolInput(step.input), step.cutAt);
      // The API opens with an empty fragment before the JSON starts.
      const fragments = ['', ...splitText(json, step.fragments, seed + index)];
      const deltas: MessageStreamEvent[] = fragments.map((partial_json) => ({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json },
      }));
      const start: ContentBlock = {
        type: step.type,
        id: step.id,
        name: step.name,
        ...serverOf(step),
        input: {},
      };
      return block(index, start, deltas, step.cutAt === undefined);
    }
    case 'block':
      return block(index, structuredClone(step.block), [], true);
    case 'ping':
      return [{ type: 'ping' }];
    case 'event':
      return [structuredClone(step.event)];
    case 'usage':
      return [
        {
          type: 'message_delta',
          delta: { stop_reason: null, stop_sequence: null },
          usage: step.usage,
        },
      ];
    case 'stop':
      return [
        {
          type: 'message_delta',
          delta: {
            stop_reason: step.reason,
            stop_sequence: step.stopSequence ?? null,
            ...(step.stopDetails === undefined ? {} : { stop_details: step.stopDetails }),
            ...(step.container === undefined ? {} : { container: step.container }),
          },
          usage: step.usage,
          ...(step.contextManagement === undefined ? {} : { context_management: step.contextManagement }),
        },
        { type: 'message_stop' },
      ];
    case 'error':
      return [{ type: 'error', error: { type: step.errorType, message: step.message } }];
    case 'pause':
      return [];
  }
}

function block(
  index: number,
  contentBlock: ContentBlock,
  deltas: MessageStreamEvent[],
  stops: boolean,
): MessageStreamEvent[] {
  const events: MessageStreamEvent[] = [
    { type: 'content_block_start', index, content_block: contentBlock },
    ...deltas,
  ];
  if (stops) events.push({ type: 'content_block_stop', index });
  return events;
}
