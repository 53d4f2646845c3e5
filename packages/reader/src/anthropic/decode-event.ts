import { ProtocolError } from '../errors.ts';
import type { ContentBlock, MessageStreamEvent, ServerSentEvent } from '../types.ts';
import { KNOWN_DELTAS } from './apply-block-delta.ts';
import { isToolBlock } from './is-block.ts';
import { readCompactDelta } from './read-compact-delta.ts';

/**
 * Turns one server-sent event into a typed Anthropic stream event.
 *
 * The event's JSON `type` decides (the SSE `event:` name mirrors it and is not needed).
 * Returns `undefined` for event and delta types this reader does not know, as the API asks
 * clients to ignore them, and for events named otherwise than Anthropic's, unread. Throws {@link ProtocolError} for data that is not a JSON object, or
 * whose known event lacks the fields it must have.
 *
 * @example
 * const event = decodeAnthropicEvent({ event: 'ping', data: '{"type":"ping"}', id: '' });
 */
export function decodeAnthropicEvent(sse: ServerSentEvent): MessageStreamEvent | undefined {
  // A named event that is none of Anthropic's (a gateway's keep-alive: `event: keepalive`, `{}`)
  // is skipped unread, as the official SDK skips it.
  if (sse.event !== 'message' && !ANTHROPIC_EVENTS.has(sse.event)) return undefined;
  const compact = readCompactDelta(sse.data);
  if (compact) return compact;
  let value: unknown;
  try {
    value = JSON.parse(sse.data);
  } catch (cause) {
    // Unnamed data that is not even the start of an object: most likely a plain-text server, or
    // one in OpenAI's style (the AI SDK's UI message stream too), whose JSON events went unread.
    const hint =
      sse.event !== 'message' || sse.data[0] === '{'
        ? ''
        : sse.data === '[DONE]'
          ? " (the end of an OpenAI-style stream, such as the AI SDK's: this reads Anthropic's events, or plain text with protocol 'text')"
          : " (plain text? use protocol 'text')";
    throw new ProtocolError(`Event "${sse.event}" carried invalid JSON: ${preview(sse.data)}${hint}`, {
      cause,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError(`Event "${sse.event}" data is not a JSON object: ${preview(sse.data)}`);
  }
  const event = value as { type?: unknown; index?: unknown; delta?: unknown; [key: string]: unknown };
  switch (event.type) {
    case 'content_block_delta': {
      requireIndex(event);
      const delta = event.delta as Record<string, unknown> | null | undefined;
      if (typeof delta !== 'object' || delta === null) throw malformed(event.type, 'delta');
      const known = KNOWN_DELTAS.get(delta['type']);
      if (!known) return undefined;
      // A missing or mistyped payload would be appended as "undefined" or "[object Object]".
      // Every payload is a string but a citation, an object.
      const [field] = known;
      if (field === 'citation' ? !isObject(delta[field]) : typeof delta[field] !== 'string') {
        throw malformed(`${event.type} (${String(delta['type'])})`, field);
      }
      return event as unknown as MessageStreamEvent;
    }
    case 'content_block_start':
      requireIndex(event);
      requireBlock(event['content_block']);
      return event as unknown as MessageStreamEvent;
    case 'content_block_stop':
      requireIndex(event);
      return event as unknown as MessageStreamEvent;
    case 'message_start': {
      const message = event['message'] as { content?: unknown } | undefined;
      if (!isObject(message) || !Array.isArray(message.content)) throw malformed(event.type, 'message');
      return event as unknown as MessageStreamEvent;
    }
    case 'message_delta':
      if (!isObject(event.delta)) throw malformed(event.type, 'delta');
      return event as unknown as MessageStreamEvent;
    case 'error':
      if (!isObject(event['error'])) throw malformed(event.type, 'error');
      return event as unknown as MessageStreamEvent;
    case 'message_stop':
    case 'ping':
      return event as unknown as MessageStreamEvent;
    default:
      if (typeof event.type !== 'string') throw malformed(sse.event, 'type');
      return undefined;
  }
}

/** The stream event types of the Messages API this reader knows. */
export const ANTHROPIC_EVENTS: ReadonlySet<unknown> = new Set([
  'message_start',
  'message_delta',
  'message_stop',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'ping',
  'error',
]);

function requireIndex(event: { type?: unknown; index?: unknown }): void {
  const index = event.index;
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    throw malformed(String(event.type), 'index');
  }
}

/** Throws unless a started block has what the reader builds on: deltas extend it, tools run by it. */
function requireBlock(block: unknown): void {
  if (!isObject(block) || typeof block['type'] !== 'string')
    throw malformed('content_block_start', 'content_block');
  const { type, citations } = block;
  const subject = `content_block_start (${type})`;
  // Deltas extend the field named as the block type: it must start as a string.
  if ((type === 'text' || type === 'thinking') && typeof block[type] !== 'string')
    throw malformed(subject, type);
  if (type === 'text' && citations != null && !(Array.isArray(citations) && citations.every(isObject))) {
    throw malformed(subject, 'citations');
  }
  if (isToolBlock(block as unknown as ContentBlock)) {
    for (const field of ['id', 'name']) if (typeof block[field] !== 'string') throw malformed(subject, field);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(type: string, field: string): ProtocolError {
  return new ProtocolError(`Event "${type}" is missing a valid "${field}"`);
}

function preview(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
