import type { WebhookFailure } from '@aside/events';
import type { CommandMetadata } from '../commands.js';

/** How one POST of a late result went, as the gateway that made it saw it. */
export type LateResultAttemptOutcome =
  | { readonly type: 'delivered'; readonly status: number }
  | {
      readonly type: 'failed';
      readonly failure: WebhookFailure;
      /** The receiver's Retry-After (429, 503), in milliseconds; null when it sent none. */
      readonly retryAfterMs: number | null;
    };

/** The gateway records the outcome of attempt `attempt` (1-based) of a late result's webhook POST. */
export interface RecordLateResultAttempt {
  readonly type: 'RecordLateResultAttempt';
  readonly data: { readonly deliveryId: string; readonly attempt: number; readonly outcome: LateResultAttemptOutcome };
  readonly metadata: CommandMetadata;
}
