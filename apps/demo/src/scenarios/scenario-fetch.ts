import type { ScenarioName } from '@chatstream/mocks';
import { guessScenario } from './guess-scenario.ts';
import { hasScenarioKeyword, scenarioKeyword } from './scenario-keyword.ts';

/** What the picker chose: a catalogue scenario, `auto` (guess from the message), or nothing. */
export type ScenarioChoice = ScenarioName | 'auto' | 'off';

interface WireMessage {
  role?: unknown;
  content?: unknown;
}

interface WireTextBlock {
  type: 'text';
  text: string;
}

function isTextBlock(block: unknown): block is WireTextBlock {
  const candidate = block as Partial<WireTextBlock> | null;
  return candidate?.type === 'text' && typeof candidate.text === 'string';
}

function isAttachment(block: unknown): boolean {
  const type = (block as { type?: unknown } | null)?.type;
  return type === 'image' || type === 'document';
}

/**
 * Tags the request's last message with `[scenario:name]` when it is the user's text, so the mock
 * backend (MSW, or the fake Anthropic server behind the relay) streams that scenario; in `auto`, a
 * message with images or documents stays untagged so the mocks describe them. Only the wire
 * copy changes: the transcript stays clean. Tool results and continuations go untagged, so a tool
 * loop gets a plain follow-up instead of the same tool call again.
 */
export function tagWithScenario(body: string, choice: ScenarioChoice): string {
  if (choice === 'off') return body;
  let parsed: { messages?: WireMessage[] };
  try {
    parsed = JSON.parse(body) as { messages?: WireMessage[] };
  } catch {
    return body;
  }
  const last = parsed.messages?.at(-1);
  if (last?.role !== 'user') return body;
  const blocks = typeof last.content === 'string' ? undefined : (last.content as unknown[]);
  // The mocks answer images and documents by describing them, unless a scenario was picked.
  if (choice === 'auto' && blocks?.some(isAttachment)) return body;
  const texts = blocks?.filter(isTextBlock);
  const text = typeof last.content === 'string' ? last.content : texts?.map((block) => block.text).join('\n');
  if (!text || hasScenarioKeyword(text)) return body;
  const name = choice === 'auto' ? guessScenario(text) : choice;
  if (!name) return body;
  const keyword = ` ${scenarioKeyword(name)}`;
  if (typeof last.content === 'string') last.content += keyword;
  else texts!.at(-1)!.text += keyword;
  return JSON.stringify(parsed);
}

/**
 * A `fetch` for `ChatSession` that applies {@link tagWithScenario} with the current choice.
 *
 * @example
 * createChatSession({ fetch: createScenarioFetch(() => picked) });
 */
export function createScenarioFetch(choose: () => ScenarioChoice): typeof fetch {
  return (input, init) =>
    typeof init?.body === 'string'
      ? fetch(input, { ...init, body: tagWithScenario(init.body, choose()) })
      : fetch(input, init);
}
