import type { MessageStreamEvent, ServerSentEvent } from '../types.ts';

/** The data line that ends a plain-text stream. */
export const TEXT_DONE_MARKER = '[DONE]';

let streamCount = 0;

/**
 * Decodes the plain-text protocol that simple servers (FastAPI, Flask, …) emit — each event's
 * `data` is a piece of text (multi-line data joined with `\n`), `data: [DONE]` ends it — into the
 * same Anthropic events a Claude stream produces: one text block, `end_turn`, `message_stop`.
 * An `event: error` carries its message as data and becomes an Anthropic `error` event.
 */
export function createTextProtocolDecoder(): (
  sse: ServerSentEvent,
  emit: (event: MessageStreamEvent) => void,
) => void {
  let started = false;
  let ended = false;
  return (sse, emit) => {
    if (ended) return;
    if (sse.event === 'error') {
      ended = true;
      emit({
        type: 'error',
        error: { type: 'api_error', message: sse.data || 'The server reported an error' },
      });
      return;
    }
    if (!started) {
      started = true;
      streamCount += 1;
      emit({
        type: 'message_start',
        message: {
          id: `msg_text_${streamCount}`,
          type: 'message',
          role: 'assistant',
          model: '',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { output_tokens: 0 },
        },
      });
      emit({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    }
    if (sse.data === TEXT_DONE_MARKER) {
      ended = true;
      emit({ type: 'content_block_stop', index: 0 });
      emit({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null } });
      emit({ type: 'message_stop' });
      return;
    }
    emit({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: sse.data } });
  };
}
