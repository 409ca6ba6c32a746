import type { Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { batchesTargeting } from '../queries/batches.js';
import { canCutIn, isIdle } from '../queries/idle.js';
import { currentActivityId } from '../session/conversation.js';
import { deliverBatch } from './deliver.js';

/**
 * An explicit "deliver now". Every decision already delivers when it leaves the current
 * activity idle with a batch pending, so this only succeeds after a configuration change (a
 * gateway restarted with other agents); otherwise it says why not.
 */
export function deliverPendingReplies(decision: Decision): Decision {
  const activityId = currentActivityId(decision);
  const batches = batchesTargeting(decision.state, activityId);
  if (batches.length === 0) reject('NOTHING_TO_DELIVER', `Activity ${activityId} has no pending reply`);
  const idle = isIdle(decision.state, activityId);
  const batch = batches.find((candidate) => (candidate.mode === 'when_idle' ? idle : canCutIn(decision.state, activityId)));
  if (!batch) reject('NOT_IDLE', `Activity ${activityId} is not idle`);
  return deliverBatch(decision, activityId, batch);
}
