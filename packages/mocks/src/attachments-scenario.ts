import { scenario } from './builder.ts';
import { describeAttachment } from './describe-attachment.ts';
import { documentQuotes } from './document-quote.ts';
import type { MockScenario } from './scenario-types.ts';
import { lastUserContent } from './select-scenario.ts';

type Block = Record<string, unknown>;

/**
 * The answer to a request whose last user message holds image or document blocks (on their own or
 * inside a `tool_result`): one text block, streamed word by word, that lists what arrived, so a
 * test or the demo can see attachments went through. Each document sent with
 * `citations: { enabled: true }` is then quoted in a text block of its own, cited as the API cites
 * its kind: `char_location` (plain text), `page_location` (PDF), `content_block_location` (custom
 * content). Named `'attachments'` (that is what the request log shows). Undefined when the message
 * holds none.
 *
 * The MSW handlers and the fake API serve it when the message picks no scenario itself
 * (`[scenario:name]`) and none was set with the `scenario` option or `use()`.
 *
 * @example
 * attachmentsScenario({ messages: [{ role: 'user', content: [pngBlock, pdfBlock, { type: 'text', text: 'What is in these?' }] }] })?.expectedText;
 * // 'I received 2 attachments: a PNG image, 640 × 480 px (12 KB), and a PDF document "report.pdf" (210 KB).'
 */
export function attachmentsScenario(body: unknown): MockScenario | undefined {
  const attachments = attachmentsOf(lastUserContent(body));
  if (attachments.length === 0) return undefined;
  const described = attachments.map(describeAttachment);
  const list =
    described.length === 1 ? described[0] : `${described.slice(0, -1).join(', ')}, and ${described.at(-1)}`;
  const count = attachments.length === 1 ? '1 attachment' : `${attachments.length} attachments`;
  let answer = scenario('attachments', {
    description: 'Lists the images and documents the request carried, quoting the citable ones.',
  }).text(`I received ${count}: ${list}.`);
  for (const quote of documentQuotes(attachments, documentsBefore(body))) {
    answer = answer.text(quote.text, { citations: [quote.citation] });
  }
  return answer.stop('end_turn');
}

/** How many document blocks the messages before the last user message hold (the API numbers them all). */
function documentsBefore(body: unknown): number {
  const messages = (body as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return 0;
  const last = messages.findLastIndex((message: unknown) => (message as Block | null)?.['role'] === 'user');
  return messages
    .slice(0, Math.max(0, last))
    .flatMap((message: unknown) => attachmentsOf((message as Block | null)?.['content']))
    .filter((block) => block['type'] === 'document').length;
}

/** Image and document blocks, in order, with those inside tool results in their place. */
function attachmentsOf(content: unknown): Block[] {
  if (!Array.isArray(content)) return [];
  return (content as unknown[]).flatMap((block): Block[] => {
    if (typeof block !== 'object' || block === null) return [];
    const { type } = block as Block;
    if (type === 'image' || type === 'document') return [block as Block];
    return type === 'tool_result' ? attachmentsOf((block as Block)['content']) : [];
  });
}
