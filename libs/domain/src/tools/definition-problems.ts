/**
 * Definitions are checked when they are made, at module load, so a mistake fails the boot with
 * every problem listed at once instead of surfacing in a conversation.
 */
export function throwIfProblems(what: string, problems: readonly string[]): void {
  if (problems.length === 0) return;
  throw new Error(`Invalid ${what}: ${problems.join('; ')}`);
}

export function describeName(value: unknown): string {
  return typeof value === 'string' ? `\`${value}\`` : '(unnamed)';
}

export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
