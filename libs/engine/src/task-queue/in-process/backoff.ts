/** How long to wait between two tries: doubling from `initialMs`, capped at `maxMs`. */
export interface BackoffSettings {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * The wait after the `failures`-th failed try (1 before the first retry). Deterministic, without
 * jitter: the in-process queue has no fleet of runners to spread out, and tests can predict it.
 */
export function backoffDelayMs(failures: number, backoff: BackoffSettings): number {
  const exponent = Math.max(0, failures - 1);
  return Math.max(0, Math.min(backoff.maxMs, backoff.initialMs * 2 ** exponent));
}
