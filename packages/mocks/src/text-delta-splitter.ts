/** The data of the event that ends a plain-text protocol stream. */
const TEXT_DONE = '[DONE]';

/**
 * Cuts the text deltas of one plain-text protocol stream into the texts of the events that carry
 * them, by the rules `@chatstream/server`'s relay follows (`protocol: 'text'`), so the mocks send
 * what the relay sends. SSE cannot carry a carriage return, so `\r\n` and `\r` become `\n`, also
 * when a `\r\n` is split between two deltas (the `\n` starting the next one is then dropped); a delta
 * that is exactly `[DONE]` becomes two events, `[DON` and `E]`, so it cannot end the stream early; a
 * delta left empty sends nothing. Keeps state between deltas: one splitter per stream.
 *
 * @example
 * const split = createTextDeltaSplitter();
 * split('a\r'); // ['a\n']
 * split('\nb'); // ['b']
 * split('[DONE]'); // ['[DON', 'E]']
 */
export function createTextDeltaSplitter(): (text: string) => string[] {
  let skipLF = false;
  return (text) => {
    if (text === '') return [];
    const rest = skipLF && text.startsWith('\n') ? text.slice(1) : text;
    skipLF = text.endsWith('\r');
    const normalised = rest.replaceAll(/\r\n?/gu, '\n');
    if (normalised === '') return [];
    return normalised === TEXT_DONE ? ['[DON', 'E]'] : [normalised];
  };
}
