import type { WebhookFailure } from '@aside/events';

/**
 * How long a late result's webhook is retried (DESIGN §4). Gateway configuration, consulted by
 * the decider when an attempt fails; what it decided is recorded (`retryAt`), so a change of
 * policy never rewrites the past.
 */
export interface LateResultPolicy {
  /** POSTs in all, the first one included. */
  readonly maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  readonly initialDelayMs: number;
  /** No wait is longer than this (a receiver's Retry-After included). */
  readonly maxDelayMs: number;
  /** No attempt is scheduled later than this after the result arrived. */
  readonly maxAgeMs: number;
}

/** 16 attempts over about four hours (1 s, 2 s, 4 s … capped at an hour), never past a day. */
export const DEFAULT_LATE_RESULT_POLICY: LateResultPolicy = {
  maxAttempts: 16,
  initialDelayMs: 1_000,
  maxDelayMs: 3_600_000,
  maxAgeMs: 86_400_000,
};

export type AbandonReason = 'attempts_exhausted' | 'deadline_passed' | 'rejected';
export type NextStep = { readonly retryAt: string } | { readonly abandon: AbandonReason };

/**
 * A failure worth retrying: no answer, a timeout, a 5xx, 408 or 429. Any other status (a 4xx,
 * a redirect, which is never followed) is the receiver's refusal, and a retry would repeat it.
 */
export function isRetryable(failure: WebhookFailure): boolean {
  if (failure.kind !== 'http') return true;
  const status = failure.status ?? 0;
  return status >= 500 || status === 408 || status === 429;
}

/**
 * The wait before attempt `attempt + 1`: exponential and capped, stretched by up to a quarter
 * by a jitter derived from the delivery id (so receivers recovering from an outage are not hit
 * by every delivery at once, and replaying the decision gives the same wait), and never shorter
 * than the receiver's Retry-After.
 */
export function retryDelayMs(policy: LateResultPolicy, deliveryId: string, attempt: number, retryAfterMs: number | null): number {
  const exponential = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 52));
  const jittered = Math.min(policy.maxDelayMs, Math.round(exponential * (1 + 0.25 * unitHash(`${deliveryId}/${attempt}`))));
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.maxDelayMs));
}

/** What follows a failed attempt `attempt`, decided at `now` for a result that arrived at `arrivedAt`. */
export function nextStep(
  policy: LateResultPolicy,
  delivery: { readonly deliveryId: string; readonly occurredAt: string },
  attempt: number,
  failure: WebhookFailure,
  retryAfterMs: number | null,
  now: string,
): NextStep {
  if (!isRetryable(failure)) return { abandon: 'rejected' };
  if (attempt >= policy.maxAttempts) return { abandon: 'attempts_exhausted' };
  // Time arithmetic on the command's `now`, not a clock: the same command decides the same.
  const retryAt = Date.parse(now) + retryDelayMs(policy, delivery.deliveryId, attempt, retryAfterMs);
  if (retryAt > Date.parse(delivery.occurredAt) + policy.maxAgeMs) return { abandon: 'deadline_passed' };
  return { retryAt: new Date(retryAt).toISOString() };
}

/** FNV-1a of the text, scaled to [0, 1). */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}
