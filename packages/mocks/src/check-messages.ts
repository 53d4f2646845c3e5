import { checkAttachments } from './check-attachments.ts';

type Block = Record<string, unknown>;

/** A message as the check reads it: a role and string or block content. */
interface MessageParam {
  role: unknown;
  content: unknown;
}

/**
 * The first reason the Messages API would refuse this `messages` array with a 400
 * `invalid_request_error`, or undefined when it would take it. Checks what a chat client can get
 * wrong after stops, failures and tool calls: roles, non-empty content (the final assistant
 * message excepted), text blocks with more than whitespace, no trailing whitespace on a final
 * assistant message (a prefill), every `tool_use` answered by a `tool_result` in the next message
 * and every `tool_result` answering a `tool_use` of the previous one, ahead of any other block, with
 * content when it is an error (`is_error`); image and document blocks (also inside a
 * `tool_result`) with a source the API takes (see {@link checkAttachments}).
 *
 * The fake Anthropic server applies it to every request, as the MSW chat handlers do to bodies
 * with `messages` (Anthropic protocol), so a client that builds an invalid conversation fails in
 * tests the way it would against the API.
 *
 * @example
 * checkMessages([{ role: 'user', content: '  ' }]);
 * // 'messages.0.content.0.text: text content blocks must contain non-whitespace text'
 */
export function checkMessages(messages: unknown): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return 'messages: at least one message is required';
  const list = messages as MessageParam[];
  for (const [index, message] of list.entries()) {
    const problem = checkMessage(list, index, message);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkMessage(messages: MessageParam[], index: number, message: MessageParam): string | undefined {
  const at = `messages.${index}`;
  if (typeof message !== 'object' || message === null) return `${at}: a message must be an object`;
  const { role } = message;
  if (role !== 'user' && role !== 'assistant') return `${at}.role: must be 'user' or 'assistant'`;
  const blocks = blocksOf(message.content);
  if (blocks === undefined) return `${at}.content: must be a string or an array of content blocks`;
  const final = index === messages.length - 1;
  if (blocks.length === 0 && !(final && role === 'assistant')) {
    return `${at}: all messages must have non-empty content except for the optional final assistant message`;
  }
  for (const [position, block] of blocks.entries()) {
    if (typeof block !== 'object' || block === null || typeof block['type'] !== 'string') {
      return `${at}.content.${position}: a content block needs a type`;
    }
    if (block['type'] === 'text' && (typeof block['text'] !== 'string' || block['text'].trim() === '')) {
      return `${at}.content.${position}.text: text content blocks must contain non-whitespace text`;
    }
    const attachment = checkAttachments(block, `${at}.content.${position}`);
    if (attachment !== undefined) return attachment;
  }
  const last = blocks.at(-1);
  if (final && role === 'assistant' && last?.['type'] === 'text' && /\s$/u.test(String(last['text']))) {
    return 'messages: final assistant content cannot end with trailing whitespace';
  }
  const previous = index > 0 ? messages[index - 1] : undefined;
  const asked = previous?.role === 'assistant' ? idsOf(previous.content, 'tool_use', 'id') : new Set();
  for (const [position, block] of blocks.entries()) {
    if (block['type'] !== 'tool_result') continue;
    if (!asked.has(block['tool_use_id'])) {
      return `${at}.content.${position}: unexpected tool_use_id found in tool_result blocks: ${String(block['tool_use_id'])}. Each tool_result block must have a corresponding tool_use block in the previous message.`;
    }
    if (position > 0 && blocks[position - 1]?.['type'] !== 'tool_result') {
      return `${at}.content.${position}: tool_result blocks must come first in the content, before any other block.`;
    }
    const content = block['content'];
    const inner = Array.isArray(content)
      ? content.findIndex((item: Block | undefined) => !RESULT_BLOCK_TYPES.includes(String(item?.['type'])))
      : -1;
    if (inner >= 0) {
      return `${at}.content.${position}.content.${inner}: Input tag '${String((content as Block[])[inner]?.['type'])}' found using 'type' does not match any of the expected tags: ${RESULT_BLOCK_TYPES.map((type) => `'${type}'`).join(', ')}`;
    }
    const empty = content === undefined || content === '' || (Array.isArray(content) && content.length === 0);
    if (block['is_error'] === true && empty) {
      return `${at}.content.${position}.tool_result: content cannot be empty if \`is_error\` is true`;
    }
  }
  if (role !== 'assistant') return undefined;
  const next = messages[index + 1];
  const answered = next?.role === 'user' ? idsOf(next.content, 'tool_result', 'tool_use_id') : new Set();
  const unanswered = blocks.filter((block) => block['type'] === 'tool_use' && !answered.has(block['id']));
  if (unanswered.length === 0) return undefined;
  return `${at}: tool_use ids were found without tool_result blocks immediately after: ${unanswered.map((block) => String(block['id'])).join(', ')}. Each tool_use block must have a corresponding tool_result block in the next message.`;
}

/** The block types a `tool_result`'s content may hold. */
const RESULT_BLOCK_TYPES = ['text', 'image', 'document', 'search_result', 'tool_reference', 'browser_state'];

/** String content is one text block (none when empty); anything but a string or an array is not content. */
function blocksOf(content: unknown): Block[] | undefined {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return Array.isArray(content) ? (content as Block[]) : undefined;
}

function idsOf(content: unknown, type: string, key: string): Set<unknown> {
  return new Set(
    (blocksOf(content) ?? []).filter((block) => block?.['type'] === type).map((block) => block[key]),
  );
}
