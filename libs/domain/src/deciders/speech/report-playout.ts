import type { ReplyEntry } from '@aside/events';
import type { ReportPlayout } from '../commands.js';
import { activityEvent, eventOn } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { nextBatchOrder } from '../ids.js';
import { locateSpeech } from '../activity/locate.js';
import { findTask, ownerActivityId, ownerAggregate, ownerBatches } from '../queries/ownership.js';
import { openWhenIdleBatch } from '../state/batch-state.js';
import type { DeliveryState } from '../state/session-state.js';

/**
 * The client says a speech finished playing, was interrupted, or never reported within the
 * playout timeout (counted as played, and recorded as such). A repeated report changes nothing.
 * A deferred reply the user interrupted is put back, once, to be delivered at the next idle
 * moment — except entries of tasks cancelled since.
 */
export function reportPlayout(decision: Decision, command: ReportPlayout): Decision {
  const found = locateSpeech(decision.state, command.data.speechId);
  if (!found) reject('UNKNOWN_SPEECH', `No speech ${command.data.speechId} in this session`);
  const { activity, speech } = found;
  if (speech.status === 'played' || speech.status === 'interrupted') return decision;

  const interrupted = command.data.status === 'interrupted';
  const cause = command.data.status === 'timed_out' ? 'timeout' : interrupted ? 'user' : 'playout';
  const delivery = speech.deliveryId === null ? undefined : decision.state.deliveries[speech.deliveryId];
  const putBack = interrupted && delivery ? entriesToPutBack(decision, delivery) : [];
  const finished = emit(
    decision,
    activityEvent(activity.activityId, 'SpeechFinished', { speechId: speech.speechId, status: interrupted ? 'interrupted' : 'played', cause }),
  );
  return delivery && putBack.length > 0 ? requeue(finished, delivery, putBack) : finished;
}

function entriesToPutBack(decision: Decision, delivery: DeliveryState): readonly ReplyEntry[] {
  return delivery.entries
    .filter((entry) => !entry.redelivered && findTask(decision.state, entry.taskId)?.status !== 'cancelled')
    .map((entry) => ({ ...entry, redelivered: true }));
}

function requeue(decision: Decision, delivery: DeliveryState, entries: readonly ReplyEntry[]): Decision {
  const owner = ownerAggregate(delivery.ownerKey);
  const ownerActivity = ownerActivityId(delivery.ownerKey);
  if (ownerActivity !== null && decision.state.activities[ownerActivity]?.status === 'closed') {
    return emit(decision, eventOn(owner, 'ReplyDropped', { ownerKey: delivery.ownerKey, reason: 'activity_closed', entries: [...entries] }));
  }
  const open = openWhenIdleBatch(ownerBatches(decision.state, delivery.ownerKey), delivery.ownerKey);
  return emit(
    decision,
    eventOn(owner, 'ReplyRequeued', {
      ownerKey: delivery.ownerKey,
      batchOrder: open?.batchOrder ?? nextBatchOrder(decision.state),
      deliveryId: delivery.deliveryId,
      entries: [...entries],
    }),
  );
}
