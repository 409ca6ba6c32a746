import type { z } from 'zod';

/**
 * Reads zod schemas by their definition (`_zod.def`) rather than `instanceof`, so schemas built
 * with another copy of zod 4 (or zod/mini) are understood too.
 */
type AnySchema = z.core.$ZodType;

export function isZodObject(value: unknown): value is z.ZodObject {
  return defOf(value)?.type === 'object';
}

/** The shape of an object schema: parameter name → schema. */
export function shapeOf(schema: z.ZodObject): Readonly<Record<string, AnySchema>> {
  return (schema._zod.def as unknown as { shape: Record<string, AnySchema> }).shape;
}

/** `z.strictObject` and `.strict()` refuse unknown keys; every other object ignores or keeps them. */
export function isStrictObject(schema: z.ZodObject): boolean {
  const catchall = (schema._zod.def as unknown as { catchall?: unknown }).catchall;
  return defOf(catchall)?.type === 'never';
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The object schema behind optional/default/nullable wrappers, if that is what a parameter is. */
export function innerObjectOf(schema: AnySchema): z.ZodObject | undefined {
  let current: unknown = schema;
  for (let hops = 0; hops < 16; hops += 1) {
    const def = defOf(current);
    if (def === undefined) return undefined;
    if (def.type === 'object') return current as z.ZodObject;
    if (!WRAPPERS.has(def.type)) return undefined;
    current = def.innerType;
  }
  return undefined;
}

function defOf(value: unknown): { type: string; innerType?: unknown } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const internals = (value as { _zod?: { def?: { type?: unknown } } })._zod;
  const def = internals?.def;
  return typeof def?.type === 'string' ? (def as { type: string; innerType?: unknown }) : undefined;
}
