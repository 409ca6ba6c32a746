import type { BatchState } from '../state/batch-state.js';
import type { SessionState } from '../state/session-state.js';

/**
 * The batches an activity would deliver, oldest first: the ones of owners bound to it, and —
 * when it is the top-level agent with no agent task running — the session-scoped toolsets'.
 */
export function batchesTargeting(state: SessionState, activityId: string): readonly BatchState[] {
  const own = state.activities[activityId]?.batches ?? [];
  const isTopLevel = state.stack.length === 0 && state.currentActivityId === activityId;
  const shared = isTopLevel ? state.batches : [];
  return [...own, ...shared].sort((a, b) => a.batchOrder - b.batchOrder);
}

/** Every pending batch of the session, oldest first (for the projection and the tests). */
export function pendingBatches(state: SessionState): readonly BatchState[] {
  const all = [...Object.values(state.activities).flatMap((activity) => activity.batches), ...state.batches];
  return all.sort((a, b) => a.batchOrder - b.batchOrder);
}

export function pendingCallIds(state: SessionState): readonly string[] {
  return pendingBatches(state).flatMap((batch) => batch.entries.map((entry) => entry.callId));
}
