import { z } from 'zod';

/** How one environment variable is read: its schema over the raw string, and what it must be, for the error line. */
export interface EnvRule<T> {
  readonly schema: z.ZodType<T, string>;
  /** "ASIDE_X must be <expected>, got '…'". */
  readonly expected: string;
}

/** An integer written in digits only (`Number()` would also take "1e3", "0x10" and " 5 "). */
export function integerRule(min: number, expected: string, max = Number.MAX_SAFE_INTEGER): EnvRule<number> {
  return { schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max)), expected };
}

/** A Redis key part (BullMQ and Aside build keys from it): no whitespace. */
export const keyNameRule: EnvRule<string> = { schema: z.string().regex(/^\S+$/), expected: 'a non-empty name without whitespace' };

/** The key prefix: the namespace of every key; hash tags use braces, so none in it, nor whitespace. */
export const keyPrefixRule: EnvRule<string> = { schema: z.string().regex(/^[^\s{}]+$/), expected: 'a non-empty name without whitespace or braces' };

/**
 * Reads one setting; unset or empty means the default (as a compose file's `VAR=` leaves it). A
 * malformed value throws one line naming the variable — the CLIs print it and exit.
 */
export function readEnvSetting<T>(env: NodeJS.ProcessEnv, name: string, rule: EnvRule<T>, fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const parsed = rule.schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${name} must be ${rule.expected}, got '${raw}'`);
  return parsed.data;
}
