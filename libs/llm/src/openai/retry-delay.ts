/**
 * How long to wait before the next attempt. Pure, so the schedule is testable.
 *
 * Without a hint from the server: exponential backoff with "equal jitter" — the ceiling doubles
 * per failed attempt (initialMs, 2·initialMs, … capped at maxMs) and the wait is drawn between
 * half the ceiling and the ceiling, so concurrent sessions spread out yet never retry at once.
 * With a `retry-after-ms` / `retry-after` header (429, 503): the server's hint, capped at maxMs —
 * a voice turn cannot wait a minute, and failing fast lets the caller say so.
 */
export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

export function retryDelayMs(input: {
  /** Failed attempts so far (1 before the first retry). */
  readonly failedAttempts: number;
  readonly backoff: BackoffSettings;
  readonly retryAfterMs: number | undefined;
  /** A number in [0, 1). */
  readonly random: () => number;
}): number {
  const { backoff } = input;
  if (input.retryAfterMs !== undefined) return Math.min(Math.max(0, input.retryAfterMs), backoff.maxMs);
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (input.failedAttempts - 1));
  return Math.round(ceiling / 2 + (input.random() * ceiling) / 2);
}

/**
 * The server's hint in milliseconds: `retry-after-ms` (OpenAI's), else `retry-after` as seconds
 * or as an HTTP date. Undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
