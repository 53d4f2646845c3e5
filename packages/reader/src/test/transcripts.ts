/**
 * Hand-written Anthropic stream transcripts for the differential tests: each is the exact
 * sequence of events (as JSON objects) a real stream would carry for one kind of answer.
 */
type Event = Record<string, unknown>;

/** A `message_start` event of `claude-sonnet-5-5` with this id and usage. */
export const messageStart = (
  id: string,
  usage: Record<string, unknown> = { input_tokens: 25, output_tokens: 1 },
): Event => ({
  type: 'message_start',
  message: {
    id,
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-5-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage,
  },
});
export const blockStart = (index: number, block: Event): Event => ({
  type: 'content_block_start',
  index,
  content_block: block,
});
const delta = (index: number, d: Event): Event => ({ type: 'content_block_delta', index, delta: d });
export const text = (index: number, value: string): Event =>
  delta(index, { type: 'text_delta', text: value });
const json = (index: number, value: string): Event =>
  delta(index, { type: 'input_json_delta', partial_json: value });
export const stop = (index: number): Event => ({ type: 'content_block_stop', index });
const messageDelta = (stopReason: string, usage: Record<string, unknown>, extra: Event = {}): Event => ({
  type: 'message_delta',
  delta: { stop_reason: stopReason, stop_sequence: null, ...extra },
  usage,
});
const messageStop: Event = { type: 'message_stop' };
const ping: Event = { type: 'ping' };

/** Splits `value` into pieces of `size` characters (the API's fragments are that small). */
function pieces(value: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < value.length; i += size) out.push(value.slice(i, i + size));
  return out;
}

export const transcripts: Record<string, Event[]> = {
  text: [
    messageStart('msg_text'),
    blockStart(0, { type: 'text', text: '' }),
    ping,
    ...pieces('Hello! Héllo wörld — 你好, 世界 👋🏽. Lines\nand "quotes".', 3).map((p) => text(0, p)),
    stop(0),
    messageDelta('end_turn', { output_tokens: 21 }),
    messageStop,
  ],
  tools: [
    messageStart('msg_tools'),
    blockStart(0, { type: 'text', text: '' }),
    text(0, "I'll check both cities."),
    stop(0),
    blockStart(1, { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: {} }),
    json(1, ''),
    ...pieces(
      '{"location": "San Francisco, CA", "unit": "celsius", "days": [1, 2.5, -3e2], "ok": true, "none": null}',
      4,
    ).map((p) => json(1, p)),
    stop(1),
    blockStart(2, { type: 'tool_use', id: 'toolu_02', name: 'get_weather', input: {} }),
    ...pieces('{"location":"Zürich \\u00e9 \\ud83d\\ude00","nested":{"a":[{"b":"c"}]}}', 1).map((p) =>
      json(2, p),
    ),
    stop(2),
    blockStart(3, { type: 'tool_use', id: 'toolu_03', name: 'get_time', input: {} }),
    json(3, ''),
    stop(3),
    messageDelta('tool_use', { output_tokens: 120 }),
    messageStop,
  ],
  thinking: [
    messageStart('msg_thinking'),
    blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
    delta(0, { type: 'thinking_delta', thinking: '' }),
    delta(0, { type: 'thinking_delta', thinking: 'Let me think ' }),
    delta(0, { type: 'thinking_delta', thinking: 'step by step.' }),
    delta(0, { type: 'signature_delta', signature: 'sig-part-1' }),
    delta(0, { type: 'signature_delta', signature: 'EqQBCgIYAhIM-final' }),
    stop(0),
    blockStart(1, { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' }),
    stop(1),
    blockStart(2, { type: 'text', text: '' }),
    text(2, 'The answer is 42.'),
    stop(2),
    messageDelta('end_turn', { output_tokens: 80 }),
    messageStop,
  ],
  citations: [
    messageStart('msg_cite'),
    blockStart(0, { type: 'text', text: '' }),
    text(0, 'According to the document, '),
    stop(0),
    blockStart(1, { type: 'text', text: '', citations: null }),
    delta(1, {
      type: 'citations_delta',
      citation: {
        type: 'char_location',
        cited_text: 'The grass is green.',
        document_index: 0,
        document_title: 'Facts',
        start_char_index: 0,
        end_char_index: 19,
      },
    }),
    text(1, 'the grass is green'),
    delta(1, {
      type: 'citations_delta',
      citation: {
        type: 'page_location',
        cited_text: 'Sky',
        document_index: 1,
        document_title: null,
        start_page_number: 1,
        end_page_number: 2,
      },
    }),
    stop(1),
    messageDelta('end_turn', { output_tokens: 30 }),
    messageStop,
  ],
  serverTools: [
    messageStart('msg_server', {
      input_tokens: 2000,
      output_tokens: 3,
      server_tool_use: null,
      service_tier: 'standard',
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    }),
    blockStart(0, { type: 'text', text: '' }),
    text(0, "I'll search for that."),
    stop(0),
    blockStart(1, { type: 'server_tool_use', id: 'srvtoolu_01', name: 'web_search', input: {} }),
    json(1, ''),
    json(1, '{"query": "weather '),
    json(1, 'nyc today"}'),
    stop(1),
    blockStart(2, {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_01',
      content: [
        {
          type: 'web_search_result',
          title: 'NYC Weather',
          url: 'https://example.com/nyc',
          encrypted_content: 'Eq…',
          page_age: 'today',
        },
      ],
    }),
    stop(2),
    blockStart(3, { type: 'text', text: '' }),
    text(3, 'It is sunny.'),
    stop(3),
    blockStart(4, { type: 'future_block_type', payload: { anything: [1, 2] } }),
    stop(4),
    { type: 'future_event', whatever: true },
    delta(0, { type: 'future_delta', x: 1 }),
    messageDelta('end_turn', {
      input_tokens: 10682,
      output_tokens: 510,
      server_tool_use: { web_search_requests: 1 },
    }),
    messageStop,
  ],
  refusal: [
    messageStart('msg_refusal'),
    blockStart(0, { type: 'text', text: '' }),
    text(0, 'Here is how you'),
    text(0, ' could start'),
    stop(0),
    messageDelta(
      'refusal',
      { output_tokens: 9 },
      { stop_details: { type: 'refusal', category: 'cyber', explanation: 'Policy' } },
    ),
    messageStop,
  ],
  twoUsageDeltas: [
    messageStart('msg_usage', {
      input_tokens: 472,
      output_tokens: 2,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    }),
    blockStart(0, { type: 'text', text: '' }),
    text(0, 'Counting tokens.'),
    stop(0),
    messageDelta('end_turn', { output_tokens: 5 }),
    messageDelta('end_turn', {
      input_tokens: 500,
      output_tokens: 12,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: null,
    }),
    messageStop,
  ],
  // max_tokens inside a tool's string value: no content_block_stop, the string never closes.
  toolInputCutInString: [
    messageStart('msg_cut'),
    blockStart(0, { type: 'tool_use', id: 'toolu_cut', name: 'record_invoice', input: {} }),
    json(0, ''),
    json(0, '{"vendor": "Acme Tools", "items": [{"sku": "A1", "qty": 2}, {"sku": "B'),
    json(0, '2", "qty": 1}], "notes": "Deliver to the back do'),
    messageDelta('max_tokens', { output_tokens: 40 }),
    messageStop,
  ],
  // Fine-grained tool streaming: the input may stop before its JSON does, and its block still closes.
  fineGrainedCut: [
    messageStart('msg_fine'),
    blockStart(0, { type: 'tool_use', id: 'toolu_fine', name: 'record_invoice', input: {} }),
    json(0, '{"vendor": "Acme", "total": 12'),
    json(0, '.5, "notes": "unfin'),
    stop(0),
    messageDelta('max_tokens', { output_tokens: 30 }),
    messageStop,
  ],
  midStreamError: [
    messageStart('msg_error'),
    blockStart(0, { type: 'text', text: '' }),
    text(0, 'Partial answer that gets'),
    { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_011' },
  ],
};

/** Encodes events as the API frames them: `event: <type>`, one `data:` line, a blank line. */
export function toSSE(events: Event[], lineEnding = '\n'): string {
  return events
    .map(
      (event) =>
        `event: ${String(event['type'])}${lineEnding}data: ${JSON.stringify(event)}${lineEnding}${lineEnding}`,
    )
    .join('');
}
