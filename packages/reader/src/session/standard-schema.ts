import { isThenable } from './chat-storage.ts';

/**
 * A schema of a validation library that implements Standard Schema and Standard JSON Schema
 * (zod 4.2+, ArkType 2.1.28+, Valibot through `toStandardJsonSchema`): only the parts a tool needs,
 * described here rather than imported, so the reader depends on no schema library.
 */
export interface StandardToolSchema<Output = unknown> {
  readonly '~standard': {
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    /** Standard JSON Schema: the input's JSON Schema, sent to the model. */
    readonly jsonSchema?: { readonly input: (options: { target: 'draft-2020-12' }) => object } | undefined;
    readonly types?: { readonly output: Output } | undefined;
  };
}

/** What a Standard Schema's `validate` answers: the checked value, or what is wrong with it. */
type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | {
      readonly issues: readonly {
        readonly message: string;
        readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
      }[];
    };

/** The type a Standard Schema's `validate` gives. */
export type StandardOutput<Schema> = Schema extends StandardToolSchema<infer Output> ? Output : unknown;

/** Whether a tool's `inputSchema` is a library's schema rather than a JSON Schema. */
export function isStandardSchema(schema: unknown): schema is StandardToolSchema {
  // An ArkType schema is a function.
  return (
    (typeof schema === 'object' || typeof schema === 'function') && schema !== null && '~standard' in schema
  );
}

// A converter builds the JSON Schema anew on each call: once a schema is enough for every request.
const converted = new WeakMap<StandardToolSchema, object>();

/**
 * A tool's `inputSchema` as the JSON Schema sent to the model. Throws a `TypeError` for a Standard
 * Schema without Standard JSON Schema, or one its library cannot express as JSON Schema.
 */
export function inputJSONSchema(schema: object, toolName: string): object {
  if (!isStandardSchema(schema)) return schema;
  let json = converted.get(schema);
  if (!json) {
    const input = schema['~standard'].jsonSchema?.input;
    if (typeof input !== 'function') {
      throw new TypeError(
        `tools.${toolName}.inputSchema is a Standard Schema without a JSON Schema for the model (~standard.jsonSchema): use zod 4.2+ or ArkType, wrap a Valibot schema in toStandardJsonSchema, or pass a JSON Schema`,
      );
    }
    try {
      // `$schema` tells the model nothing and costs tokens on every request.
      const { $schema: _dialect, ...rest } = input({ target: 'draft-2020-12' }) as Record<string, unknown>;
      json = rest;
    } catch (error) {
      throw new TypeError(`tools.${toolName}.inputSchema cannot be written as JSON Schema`, { cause: error });
    }
    converted.set(schema, json);
  }
  return json;
}

/**
 * Checks a call's input against its tool's Standard Schema: `{ value }` (what `execute` gets), or
 * `{ rejected }` in words for the model, so it can call again with a fixed input. A schema that
 * checks asynchronously answers with a promise; without a Standard Schema the input is as sent.
 */
export function checkToolInput(schema: unknown, input: unknown): ToolInputCheck | Promise<ToolInputCheck> {
  if (!isStandardSchema(schema)) return { value: input };
  const result = schema['~standard'].validate(input);
  return isThenable(result) ? Promise.resolve(result).then(toCheck) : toCheck(result);
}

/** A call's input once checked: the value to run the tool with, or why it was refused. */
export type ToolInputCheck = { value: unknown; rejected?: undefined } | { rejected: string };

function toCheck(result: StandardResult<unknown>): ToolInputCheck {
  if (!result.issues) return { value: result.value };
  const issues = result.issues.map(({ message, path }) => {
    const where = path
      ?.map((segment) => String(typeof segment === 'object' ? segment.key : segment))
      .join('.');
    return where ? `${where}: ${message}` : message;
  });
  return {
    rejected: `Invalid input for this tool (${issues.join('; ')}). Call it again with a valid input.`,
  };
}
