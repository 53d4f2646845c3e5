import { decodeAnthropicEvent } from '../anthropic/decode-event.ts';
import { createTextProtocolDecoder } from '../text/text-protocol.ts';
import type { MessageStreamEvent, ServerSentEvent } from '../types.ts';

/** Turns server-sent events into Anthropic events; protocols keep their own state per stream. */
export type EventDecoder = (sse: ServerSentEvent, emit: (event: MessageStreamEvent) => void) => void;

/** The wire protocols the reader understands. */
export type StreamProtocol = 'anthropic' | 'text';

/** A fresh decoder for one stream (one attempt) of `protocol`. */
export function createEventDecoder(protocol: StreamProtocol): EventDecoder {
  if (protocol === 'text') return createTextProtocolDecoder();
  return (sse, emit) => {
    const event = decodeAnthropicEvent(sse);
    if (event) emit(event);
  };
}
