import fc from 'fast-check';

/**
 * The ways an LLM writes the same arguments: compact, pretty-printed, with its keys in another
 * order, or JSON-encoded twice (a JSON string holding the object, which the gateway unwraps).
 */
export type WireForm = 'compact' | 'pretty' | 'shuffled' | 'double-encoded';

export const wireForm: fc.Arbitrary<WireForm> = fc.constantFrom('compact', 'pretty', 'shuffled', 'double-encoded');

export function encode(value: unknown, form: WireForm, shuffleSeed = 0): string {
  switch (form) {
    case 'compact':
      return JSON.stringify(value);
    case 'pretty':
      return JSON.stringify(value, null, 2);
    case 'shuffled':
      return JSON.stringify(reorderKeys(value, shuffleSeed));
    case 'double-encoded':
      return JSON.stringify(JSON.stringify(value));
  }
}

/** The same value with every object's keys in a different (deterministic) order. */
function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => reorderKeys(item, seed));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const rotated = keys.length === 0 ? keys : [...keys.slice(seed % keys.length), ...keys.slice(0, seed % keys.length)].reverse();
  const result: Record<string, unknown> = {};
  for (const key of rotated) {
    Object.defineProperty(result, key, { value: reorderKeys((value as Record<string, unknown>)[key], seed), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

/** What the body receives is the value after a trip through JSON (`-0` becomes `0`, and so on). */
export function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** No key anywhere is `__proto__`: a valid payload must not carry the one key the gateway forbids. */
export function hasNoProtoKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(hasNoProtoKey);
  if (typeof value !== 'object' || value === null) return true;
  return Object.keys(value).every((key) => key !== '__proto__' && hasNoProtoKey((value as Record<string, unknown>)[key]));
}
