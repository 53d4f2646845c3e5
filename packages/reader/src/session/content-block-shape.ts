/**
 * Why `value` is not a content block the session can send and show, or undefined when it is one:
 * an object with a string `type`, and the string fields the session reads of the block types it
 * handles (`text`, `thinking`, a tool call's `id` and `name`, a result's `tool_use_id`). Other
 * block types pass as they are: the API may add more.
 */
export function contentBlockProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const block = value as Record<string, unknown>;
  const { type } = block;
  if (typeof type !== 'string') return 'no type';
  const fields =
    type === 'text'
      ? ['text']
      : type === 'thinking'
        ? ['thinking']
        : type === 'tool_result'
          ? ['tool_use_id']
          : type.endsWith('tool_use')
            ? ['id', 'name']
            : [];
  const missing = fields.find((field) => typeof block[field] !== 'string');
  return missing && `a ${type} block without a string ${missing}`;
}
