import { sessionEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import type { RecordLateResultAttempt } from './late-result-commands.js';
import { DEFAULT_LATE_RESULT_POLICY, nextStep } from './late-result-policy.js';

/**
 * The outcome of one POST of a late result. A 2xx delivers it; a failure is recorded with when
 * the next attempt is due, or — past the policy's attempts or deadline, or refused by the
 * receiver for good — the delivery is abandoned in the same decision. Attempts are numbered
 * from the log, so an attempt a crashed gateway never recorded is simply made again (same
 * number, same delivery id: the receiver deduplicates).
 */
export function recordLateResultAttempt(decision: Decision, command: RecordLateResultAttempt): Decision {
  const { deliveryId, attempt, outcome } = command.data;
  const delivery = decision.state.lateDeliveries[deliveryId];
  if (!delivery) reject('UNKNOWN_DELIVERY', `No late result ${deliveryId} in this session`);
  if (delivery.status !== 'pending') reject('DELIVERY_NOT_PENDING', `Late result ${deliveryId} is already ${delivery.status}`);
  if (attempt !== delivery.attempts + 1) {
    reject('INVALID_COMMAND', `Attempt ${attempt} of late result ${deliveryId} is not the next one (${delivery.attempts + 1})`);
  }
  if (outcome.type === 'delivered') {
    return emit(decision, sessionEvent('LateResultDelivered', { deliveryId, attempt, status: outcome.status }));
  }
  const policy = decision.context.lateResultPolicy ?? DEFAULT_LATE_RESULT_POLICY;
  const step = nextStep(policy, delivery, attempt, outcome.failure, outcome.retryAfterMs, decision.metadata.now);
  const retryAt = 'retryAt' in step ? step.retryAt : null;
  const failed = emit(decision, sessionEvent('LateResultAttemptFailed', { deliveryId, attempt, failure: outcome.failure, retryAt }));
  if ('retryAt' in step) return failed;
  return emit(failed, sessionEvent('LateResultAbandoned', { deliveryId, attempts: attempt, reason: step.abandon }));
}
