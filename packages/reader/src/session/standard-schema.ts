/**
 * A schema of a validation library that implements Standard Schema and Standard JSON Schema
 * (zod 4.2+, ArkType 2.1.28+, Valibot through `toStandardJsonSchema`): only the parts a tool needs,
 * described here rather than imported, so the reader depends on no schema library.
 */
export interface StandardToolSchema<Output = unknown> {
  readonly '~standard': {
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    /** Standard JSON Schema: the input's JSON Schema, sent to the model. */
    readonly jsonSchema?:
      | { readonly input: (options: { target: 'draft-2020-12' | 'draft-07' }) => object }
      | undefined;
    readonly types?: { readonly output: Output } | undefined;
  };
}

/** What a Standard Schema's `validate` answers: the checked value, or what is wrong with it. */
export type StandardResult<Output> =
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
