import { scenarios } from '@chatstream/mocks';
import { joinTextBlocks } from '@chatstream/reader';

interface Block {
  type?: string;
  text?: string;
  id?: string;
  name?: string;
  input?: Record<string, unknown>;
  tool_use_id?: string;
  content?: unknown;
  is_error?: boolean;
}

interface WireMessage {
  role?: string;
  content?: string | Block[];
}

const CONTINUATIONS: Record<string, string> = {
  // overloadedMidStream stops half-way through this sentence.
  'made books': ' cheaper and faster to produce, and ideas began to travel across Europe at a new speed.',
};

function blocksOf(message: WireMessage | undefined): Block[] {
  return Array.isArray(message?.content) ? message.content : [];
}

function resultValue(block: Block): unknown {
  const { content } = block;
  const text = Array.isArray(content)
    ? (content as Block[]).map((part) => part.text ?? '').join('')
    : typeof content === 'string'
      ? content
      : '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describeResult(call: Block | undefined, result: Block): string {
  const value = resultValue(result);
  const name = call?.name ?? 'tool';
  if (result.is_error) {
    return /denied/iu.test(String(value))
      ? `No problem: I won't run \`${name}\` without your go-ahead.`
      : `The \`${name}\` tool failed (${String(value)}).`;
  }
  const data = value as Record<string, unknown>;
  switch (name) {
    case 'get_weather':
      return `Right now it's **${String(data['temperature'])} °${data['unit'] === 'fahrenheit' ? 'F' : 'C'}** and ${String(data['conditions'])} in ${String(data['location'])}, with ${String(data['humidity'])} % humidity and wind at ${String(data['wind_kph'])} km/h.`;
    case 'get_time':
      return `In ${String(data['timezone'])} it is ${String(data['local_time'])}.`;
    case 'get_forecast': {
      const days = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      const lines = days.map(
        (day) =>
          `- Day ${String(day['day'])}: ${String(day['temperature'])} °C, ${String(day['conditions'])}`,
      );
      const location = call?.input?.['location'];
      return `Forecast for ${typeof location === 'string' ? location : 'there'}:\n\n${lines.join('\n')}`;
    }
    case 'translate':
      return `Translation: ${String(data['translation'])}`;
    default:
      return `\`${name}\` returned ${JSON.stringify(value)}.`;
  }
}

/** The answer after client tool results: a summary of what each tool returned (or why it did not run). */
function afterToolResults(messages: readonly WireMessage[]): string | undefined {
  const results = blocksOf(messages.at(-1)).filter((block) => block.type === 'tool_result');
  if (results.length === 0) return undefined;
  const calls = blocksOf(messages.at(-2)).filter((block) => block.type === 'tool_use');
  const lines = results.map((result) =>
    describeResult(
      calls.find((call) => call.id === result.tool_use_id),
      result,
    ),
  );
  return `${lines.join('\n\n')}\n\nAnything else you'd like to know?`;
}

/** The rest of an answer that was cut off (retry after an error, or a paused server tool turn). */
function continuation(messages: readonly WireMessage[]): string {
  const blocks = blocksOf(messages.at(-1));
  // Joined as the scenarios' expectedText is: a blank line where text follows a search.
  const partial = joinTextBlocks(blocks);
  if (!partial) {
    return blocks.some((block) => block.type === 'web_search_tool_result')
      ? 'Lagos is home to roughly 17 million people in 2025, which makes it one of the largest cities in Africa.'
      : 'Here is the rest of the answer.';
  }
  for (const scenario of Object.values(scenarios)) {
    if (scenario.expectedText.length > partial.length && scenario.expectedText.startsWith(partial)) {
      return scenario.expectedText.slice(partial.length);
    }
  }
  const known = Object.entries(CONTINUATIONS).find(([ending]) => partial.endsWith(ending));
  return known?.[1] ?? ' …and that completes the answer.';
}

/**
 * What the mock model says when a request does not come from the user's text: after tool results
 * it sums them up, and when the last message is a partial answer (a retry or `pause_turn`) it
 * continues it. Undefined for ordinary user messages (the scenario picker decides those).
 *
 * @example
 * followUpText({ messages: [user, assistantWithToolUse, userWithToolResults] }); // "Right now it's 18 °C…"
 */
export function followUpText(body: unknown): string | undefined {
  const messages = (body as { messages?: WireMessage[] } | null)?.messages;
  const last = messages?.at(-1);
  if (!messages || !last) return undefined;
  if (last.role === 'assistant') return continuation(messages);
  return afterToolResults(messages);
}
