import { z } from 'zod';
import { innerObjectOf, shapeOf } from './zod-object.js';

/**
 * LLMs often send `null` for a parameter they mean to leave out (strict function calling even
 * requires every key). Where the parameter refuses `null` but accepts absence (it has a default,
 * or is optional), `null` is read as absence, so the default applies. Where `null` is a valid
 * value (`.nullable()`), it is kept. Nested objects get the same treatment. Returns a copy.
 */
export function nullAsAbsent(input: Readonly<Record<string, unknown>>, schema: z.ZodObject): Record<string, unknown> {
  const output: Record<string, unknown> = { ...input };
  for (const [key, field] of Object.entries(shapeOf(schema))) {
    if (!Object.hasOwn(output, key)) continue;
    const value = output[key];
    if (value === null) {
      if (!accepts(field, null) && accepts(field, undefined)) delete output[key];
      continue;
    }
    const nested = innerObjectOf(field);
    if (nested !== undefined && isRecord(value)) output[key] = nullAsAbsent(value, nested);
  }
  return output;
}

function accepts(schema: z.core.$ZodType, value: unknown): boolean {
  try {
    return z.safeParse(schema, value).success;
  } catch {
    // A refinement that throws on this probe says nothing about absence: leave the value alone.
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
