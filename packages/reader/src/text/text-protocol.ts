import type { APIErrorBody, MessageStreamEvent, ServerSentEvent } from '../types.ts';

/** The data line that ends a plain-text stream. */
export const TEXT_DONE_MARKER = '[DONE]';

let streamCount = 0;

/**
 * Decodes the plain-text protocol that simple servers (FastAPI, Flask, …) emit — each event's
 * `data` is a piece of text (multi-line data joined with `\n`), `data: [DONE]` ends it — into the
 * same Anthropic events a Claude stream produces: one text block, `end_turn`, `message_stop`.
 * An `event: error` becomes an Anthropic `error` event: JSON data naming a type
 * (`{ error: { type, message } }` or `{ type, message }`) is that error; other data is the message of
 * an `unknown_error`, the server's own failure rather than the API's `api_error`.
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
      emit({ type: 'error', error: errorOf(sse.data) });
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

/** The error an `event: error` carries: JSON naming a type as it is, anything else as the message. */
function errorOf(data: string): APIErrorBody {
  try {
    const json = JSON.parse(data) as APIErrorBody & { error?: APIErrorBody };
    const error = json.error ?? json;
    // A message that is missing or not text is worded by the stream from the type.
    if (typeof error.type === 'string') return error;
  } catch {
    // Plain text (or JSON null, which has no fields).
  }
  return { type: 'unknown_error', message: data || 'The server reported an error' };
}
