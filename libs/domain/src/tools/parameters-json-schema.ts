import { z } from 'zod';
import { CONFIRM_DUPLICATE_PARAMETER } from './names.js';

export const CONFIRM_DUPLICATE_DESCRIPTION =
  'Set to true only to start another run of this tool while one is already running. ' +
  'Leave it out otherwise.';

/**
 * The parameters as a JSON schema for the LLM (see `jsonSchemaOf`). Under the `confirm`
 * duplicate mode the optional `confirm_duplicate` flag is offered too.
 */
export function parametersJsonSchema(
  parameters: z.ZodObject,
  options: { readonly confirmDuplicate: boolean },
): Record<string, unknown> {
  const schema = jsonSchemaOf(parameters);
  if (!options.confirmDuplicate) return schema;
  const properties = (schema['properties'] ?? {}) as Record<string, unknown>;
  return {
    ...schema,
    properties: {
      ...properties,
      [CONFIRM_DUPLICATE_PARAMETER]: { type: 'boolean', description: CONFIRM_DUPLICATE_DESCRIPTION },
    },
  };
}

/**
 * Draft-07 (what function-calling APIs read), in the schema's input form because the LLM is the
 * one filling it in (a field with a default is not required), without `$schema`. Throws when
 * the schema has no JSON form (e.g. `z.date()`); the definition helpers report that early.
 */
export function jsonSchemaOf(schema: z.core.$ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-07', io: 'input' }) as Record<
    string,
    unknown
  >;
  return rest;
}
