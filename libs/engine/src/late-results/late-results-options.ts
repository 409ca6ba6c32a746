import { DEFAULT_LATE_RESULT_POLICY, type LateResultPolicy } from '@aside/domain';
import type { LateResultOutbox } from './late-result-outbox.js';

/** Late-result webhooks (DESIGN.md §4, SEMANTICS §10). Without them, a session asking for one is refused. */
export interface LateResultsOptions {
  /** Signs every POST (HMAC-SHA256 of the raw body); receivers check it with the same secret. */
  readonly secret: string;
  /** Which sessions have deliveries pending, for a restarted gateway or the next owner. Default: in memory. */
  readonly outbox?: LateResultOutbox;
  /** Retry policy; each field defaults to DEFAULT_LATE_RESULT_POLICY's. */
  readonly policy?: Partial<LateResultPolicy>;
  /** One POST's deadline. Default 10 s. */
  readonly timeoutMs?: number;
  /** How often the owned partitions' pending deliveries are looked for again (a missed schedule). Default 60 s. */
  readonly rescanEveryMs?: number;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
const DEFAULT_RESCAN_EVERY_MS = 60_000;
/** Short enough to be guessed by nobody, long enough for an HMAC key worth the name. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

export interface LateResultsSettings {
  readonly secret: string;
  readonly policy: LateResultPolicy;
  readonly timeoutMs: number;
  readonly rescanEveryMs: number;
}

/** The options with their defaults, or a RangeError naming what is wrong. */
export function lateResultsSettings(options: LateResultsOptions): LateResultsSettings {
  if (typeof options.secret !== 'string' || options.secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
    throw new RangeError(`lateResults.secret must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters`);
  }
  const policy = { ...DEFAULT_LATE_RESULT_POLICY, ...options.policy };
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isSafeInteger(value) || value < (name === 'maxAttempts' ? 1 : 0)) throw new RangeError(`lateResults.policy.${name} must be a non-negative integer, got ${value}`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const rescanEveryMs = options.rescanEveryMs ?? DEFAULT_RESCAN_EVERY_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) throw new RangeError(`lateResults.timeoutMs must be a positive integer, got ${timeoutMs}`);
  if (!Number.isSafeInteger(rescanEveryMs) || rescanEveryMs < 1) throw new RangeError(`lateResults.rescanEveryMs must be a positive integer, got ${rescanEveryMs}`);
  return { secret: options.secret, policy, timeoutMs, rescanEveryMs };
}
