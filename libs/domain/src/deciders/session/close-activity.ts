import type { AsideEventData } from '@aside/events';
import { activityEvent, eventOn, sessionEvent } from '../decided-event.js';
import { emit, forEach, type Decision } from '../decision.js';
import { nextBatchOrder } from '../ids.js';
import { ownerActivityId, ownerAggregate, ownerBatches } from '../queries/ownership.js';
import { openWhenIdleBatch } from '../state/batch-state.js';
import { isTerminal } from '../state/task-state.js';
import { cancelTask, type CancelReason } from '../tasks/cancel-task.js';

type CloseReason = AsideEventData<'ActivityClosed'>['reason'];
type DropReason = AsideEventData<'ReplyDropped'>['reason'];

const WHY: Readonly<Record<CloseReason, { readonly cancel: CancelReason; readonly drop: DropReason }>> = {
  handoff: { cancel: 'handoff', drop: 'handoff' },
  task_completed: { cancel: 'activity_closed', drop: 'activity_closed' },
  task_aborted: { cancel: 'activity_closed', drop: 'activity_closed' },
  session_closed: { cancel: 'session_closed', drop: 'session_closed' },
};

/**
 * Closes an activity and everything it owns (SEMANTICS §2): its pending replies are dropped
 * with the reason and the items (never silently), its bare and agent-scoped tasks are
 * cancelled, speech it queued that has not started will not play. Session-scoped tasks it
 * dispatched live on. Pausing is not closing: nothing of this happens on a pause.
 */
export function closeActivity(decision: Decision, activityId: string, reason: CloseReason): Decision {
  const activity = decision.state.activities[activityId];
  if (!activity || activity.status === 'closed' || activity.status === 'none') return decision;
  const why = WHY[reason];

  let next = forEach(decision, activity.batches, (d, batch) =>
    emit(d, eventOn(ownerAggregate(batch.ownerKey), 'ReplyDropped', { ownerKey: batch.ownerKey, reason: why.drop, entries: [...batch.entries] })),
  );
  const live = Object.values(activity.tasks).filter((task) => !isTerminal(task));
  next = forEach(next, live, (d, task) => cancelTask(d, task, why.cancel, null, { closing: true }));
  next = putBackUnspokenSessionReplies(next, activityId);
  const unplayed = Object.values(activity.speeches).filter((speech) => speech.status === 'queued');
  next = forEach(next, unplayed, (d, speech) =>
    emit(d, activityEvent(activityId, 'SpeechFinished', { speechId: speech.speechId, status: 'interrupted', cause: 'activity_closed' })),
  );
  return emit(next, activityEvent(activityId, 'ActivityClosed', { reason }));
}

/**
 * A session-scoped reply this activity was still generating, or had queued but not started to
 * speak, would die with it although session scope survives a handoff: its entries go back to
 * the session owner (once) and the next top-level agent delivers them.
 */
function putBackUnspokenSessionReplies(decision: Decision, activityId: string): Decision {
  const activity = decision.state.activities[activityId];
  const unspoken = Object.values(decision.state.deliveries).filter(
    (delivery) =>
      delivery.activityId === activityId &&
      ownerActivityId(delivery.ownerKey) === null &&
      (delivery.status === 'generating' || (delivery.status === 'speaking' && activity?.speeches[delivery.speechId ?? '']?.status === 'queued')),
  );
  return forEach(decision, unspoken, (d, delivery) => {
    const entries = delivery.entries.filter((entry) => !entry.redelivered).map((entry) => ({ ...entry, redelivered: true }));
    if (entries.length === 0) return d;
    const open = openWhenIdleBatch(ownerBatches(d.state, delivery.ownerKey), delivery.ownerKey);
    return emit(
      d,
      sessionEvent('ReplyRequeued', {
        ownerKey: delivery.ownerKey,
        batchOrder: open?.batchOrder ?? nextBatchOrder(d.state),
        deliveryId: delivery.deliveryId,
        entries,
      }),
    );
  });
}
