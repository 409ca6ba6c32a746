/**
 * JSON with the keys of every object sorted, so equal arguments give equal text whatever order
 * the LLM wrote them in (duplicate detection by `name_and_args` compares this text).
 * `Object.fromEntries` defines properties rather than assigning them, so no key can reach a
 * prototype.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, current: unknown) => {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return current;
    const record = current as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}
