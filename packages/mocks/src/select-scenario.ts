import type { MockScenario } from './scenario-types.ts';

const KEYWORD = /\[scenario:\s*([\w-]+)\s*\]/u;

/**
 * Picks a scenario from a Messages API request body (`{ messages: [...] }`) by looking at the last
 * user message: a `[scenario:name]` keyword anywhere in it wins; otherwise the whole message (trimmed)
 * may be just a scenario name. Names match case-insensitively. Returns undefined when nothing matches.
 *
 * @example
 * selectScenario({ messages: [{ role: 'user', content: 'Weather? [scenario:toolUse]' }] }, scenarios); // scenarios.toolUse
 * selectScenario({ messages: [{ role: 'user', content: 'refusal' }] }, scenarios); // scenarios.refusal
 */
export function selectScenario(
  body: unknown,
  catalogue: Readonly<Record<string, MockScenario>>,
): MockScenario | undefined {
  const text = lastUserText(body);
  if (text === undefined) return undefined;
  const wanted = KEYWORD.exec(text)?.[1] ?? text.trim();
  const key = Object.keys(catalogue).find((name) => name.toLowerCase() === wanted.toLowerCase());
  return key === undefined ? undefined : catalogue[key];
}

/** The text of the last user message: a string, or its text blocks joined. */
export function lastUserText(body: unknown): string | undefined {
  const content = lastUserContent(body);
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  return content
    .filter((block: unknown) => (block as { type?: unknown } | null)?.type === 'text')
    .map((block: unknown) => {
      const text = (block as { text?: unknown }).text;
      return typeof text === 'string' ? text : '';
    })
    .join('\n');
}

/** The `content` of the last user message in a Messages request body, as sent. */
export function lastUserContent(body: unknown): unknown {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return undefined;
  const last = messages.findLast(
    (message: unknown) => (message as { role?: unknown } | null)?.role === 'user',
  ) as { content?: unknown } | undefined;
  return last?.content;
}
