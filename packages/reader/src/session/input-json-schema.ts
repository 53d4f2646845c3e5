import { isStandardSchema, type StandardToolSchema } from './standard-schema.ts';

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
    json = rootSchema(converterOutput(schema, toolName));
    converted.set(schema, json);
  }
  return json;
}

function converterOutput(schema: StandardToolSchema, toolName: string): Record<string, unknown> {
  const input = schema['~standard'].jsonSchema?.input;
  if (typeof input !== 'function') {
    throw new TypeError(
      `tools.${toolName}.inputSchema is a Standard Schema without a JSON Schema for the model (~standard.jsonSchema): use zod 4.2+ or ArkType, wrap a Valibot schema in toStandardJsonSchema, or pass a JSON Schema`,
    );
  }
  try {
    return input({ target: 'draft-2020-12' }) as Record<string, unknown>;
  } catch (error) {
    try {
      // A converter may write only older drafts (the standard lets it refuse a target).
      return input({ target: 'draft-07' }) as Record<string, unknown>;
    } catch {
      const said = error instanceof Error ? `: ${error.message}` : '';
      throw new TypeError(`tools.${toolName}.inputSchema cannot be written as JSON Schema${said}`, {
        cause: error,
      });
    }
  }
}

/**
 * The schema without `$schema` (it tells the model nothing and costs tokens on every request), and
 * an object schema a library put in `$defs` behind a root `$ref` (a named or recursive one) at the
 * root, where the API looks for `type: "object"`.
 */
function rootSchema(written: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = written;
  const { $ref, ...rest } = schema as { $ref?: unknown } & Record<string, unknown>;
  // `$defs` since draft 2019-09, `definitions` before.
  const [, container, name] =
    (typeof $ref === 'string' && /^#\/(\$defs|definitions)\/([^/]+)$/u.exec($ref)) || [];
  const target =
    container && name ? (rest[container] as Record<string, unknown> | undefined)?.[name] : undefined;
  if (typeof target !== 'object' || target === null) return schema;
  return { ...rest, ...target };
}
