import type { ChatTool } from './chat-session-options.ts';
import type { StandardOutput, StandardToolSchema } from './standard-schema.ts';

/**
 * A client tool whose `inputSchema` is a schema of a validation library (zod 4.2+, ArkType
 * 2.1.28+, Valibot through `toStandardJsonSchema`), typed from it: `execute` and `needsApproval`
 * take the schema's output type, and get the input as the schema returns it, checked (an input it
 * refuses goes back to the model as an error result, so it can call again).
 *
 * @example
 * const weather = defineTool({
 *   description: 'The weather in a city',
 *   inputSchema: z.object({ city: z.string() }),
 *   execute: ({ city }) => fetchWeather(city),
 * });
 */
export function defineTool<Schema extends StandardToolSchema>(
  tool: DefinedTool<StandardOutput<Schema>> & { inputSchema: Schema },
): ChatTool<StandardOutput<Schema>> {
  return tool;
}

/**
 * A tool as `defineTool` takes it: `execute` and `needsApproval` as function properties, whose
 * parameter is checked one way, so one that wants a field the schema does not give fails to compile
 * (`ChatTool`'s methods are checked both ways, for a record of tools of different inputs).
 */
type DefinedTool<Input> = Omit<ChatTool<Input>, 'execute' | 'needsApproval'> & {
  execute?: ((input: Input, context: { signal: AbortSignal; toolUseId: string }) => unknown) | undefined;
  needsApproval?: boolean | ((input: Input) => boolean) | undefined;
};
