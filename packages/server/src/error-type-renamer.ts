import { createByteSearch } from './byte-search.ts';
import { rewriteErrorEvents } from './error-event-redactor.ts';
import { anthropicErrorType } from './platform-errors.ts';

// How `AnthropicBedrock` writes the error events it makes of Bedrock's stream exceptions.
const findErrorData = createByteSearch(new TextEncoder().encode('"type":"error"'));

/**
 * Gives the `error` events in a chunk of whole SSE events Anthropic's name for their error type:
 * `AnthropicBedrock` turns Bedrock's stream exceptions into error events typed
 * `throttlingException` and the like, which a browser would not know to title or retry. A chunk
 * without an error event (one search of its bytes) comes back as the same array.
 *
 * @example
 * renameErrorTypes(encode('event: error\ndata: {"type":"error","error":{"type":"throttlingException","message":"Slow down"}}\n\n'));
 * // … "type":"rate_limit_error" …
 */
export function renameErrorTypes(chunk: Uint8Array): Uint8Array {
  if (findErrorData(chunk) === -1) return chunk;
  return rewriteErrorEvents(chunk, renameInEvent);
}

function renameInEvent(text: string): string {
  return text.replace(/^data:( ?)(.*)$/mu, (line, space: string, json: string) => {
    try {
      const data = JSON.parse(json) as { error?: { type?: unknown } };
      const type = data.error?.type;
      if (typeof type !== 'string' || anthropicErrorType(type) === type) return line;
      return `data:${space}${JSON.stringify({ ...data, error: { ...data.error, type: anthropicErrorType(type) } })}`;
    } catch {
      return line;
    }
  });
}
