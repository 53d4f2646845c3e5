import { decodeAnthropicEvent } from '../../packages/reader/src/anthropic/decode-event.ts';
import { createSSEDecoder } from '../../packages/reader/src/sse/sse-decoder.ts';

/**
 * Our bytes → typed Anthropic events pipeline (`createSSEDecoder` + `decodeAnthropicEvent`) over
 * `chunks`; returns how many non-ping events it produced.
 */
export function countTypedEvents(chunks: readonly Uint8Array[]): number {
  let count = 0;
  const decoder = createSSEDecoder({
    onEvent(sse) {
      const event = decodeAnthropicEvent(sse);
      if (event !== undefined && event.type !== 'ping') count++;
    },
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return count;
}
