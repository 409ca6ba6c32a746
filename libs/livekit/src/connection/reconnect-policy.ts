import { setTimeout as delay } from 'node:timers/promises';

/** How the transport waits between attempts to (re)join the room. */
export interface ReconnectPolicy {
  /** First wait; doubled after each failed attempt up to `maxDelayMs`. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Default 15 s. */
  readonly maxDelayMs?: number;
  /** How a wait is done (tests pass one that does not sleep). Resolves early when the signal aborts. */
  readonly wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export function reconnectDelayMs(policy: ReconnectPolicy, failedAttempts: number): number {
  const initial = policy.initialDelayMs ?? 500;
  return Math.min(policy.maxDelayMs ?? 15_000, initial * 2 ** Math.max(0, failedAttempts - 1));
}

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function abortableWait(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}
