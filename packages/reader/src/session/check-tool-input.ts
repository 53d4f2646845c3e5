import type { ToolUseBlock } from '../types.ts';
import { isThenable } from './is-thenable.ts';
import type { ChatTool } from './chat-session-options.ts';
import { isStandardSchema, type StandardResult } from './standard-schema.ts';
import { thrownText } from './thrown-text.ts';

/** A call's input once checked: the value to run the tool with, or why it was refused. */
export type ToolInputCheck = { value: unknown; rejected?: undefined } | { rejected: string };

// Each call is checked once, whoever asks first (the call's state, approval, execute): a check may
// be costly or have effects (an async refinement that asks a server, a transform that makes an id).
const checked = new WeakMap<ToolUseBlock, ToolInputCheck | Promise<ToolInputCheck>>();

/**
 * Checks a call's input against its tool's Standard Schema: `{ value }` (what `execute` gets), or
 * `{ rejected }` in words for the model, so it can call again with a fixed input (a schema that
 * throws too). A schema that checks asynchronously answers with a promise; without a Standard
 * Schema the input is as sent. Never rejects.
 */
export function checkToolInput(
  tool: ChatTool | undefined,
  block: ToolUseBlock,
): ToolInputCheck | Promise<ToolInputCheck> {
  const schema = tool?.inputSchema;
  if (!isStandardSchema(schema)) return { value: block.input };
  let check = checked.get(block);
  if (!check) {
    try {
      const result = schema['~standard'].validate(block.input);
      // Once settled, its answer is kept as it is: an approval then reads it at once.
      check = isThenable(result)
        ? Promise.resolve(result)
            .then(toCheck)
            .catch(refused)
            .then((settled) => (checked.set(block, settled), settled))
        : toCheck(result);
    } catch (error) {
      check = refused(error);
    }
    checked.set(block, check);
  }
  return check;
}

function toCheck(result: StandardResult<unknown>): ToolInputCheck {
  if (!result.issues) return { value: result.value };
  const issues = result.issues.map(({ message, path }) => {
    const where = path
      ?.map((segment) => String(typeof segment === 'object' ? segment.key : segment))
      .join('.');
    return where ? `${where}: ${message}` : message;
  });
  return rejection(issues.join('; '));
}

/** A schema that threw while checking (a transform's `JSON.parse`): the model hears it as a refusal. */
const refused = (error: unknown): ToolInputCheck => rejection(thrownText(error));

const rejection = (why: string): ToolInputCheck => ({
  rejected: `Invalid input for this tool (${why}). Call it again with a valid input.`,
});
