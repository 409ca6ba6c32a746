import type { DecidedEvent } from '../decided-event.js';
import type { DeliveryState, SessionState } from './session-state.js';
import { created, withEntry, withFields, withItem } from './copy-on-write.js';

/**
 * Session-wide views that follow events of every stream: counters behind derived ids, where
 * each task lives, the one speech queue, and deliveries (a session batch is delivered by
 * whichever activity is current, so a delivery belongs to the session).
 */
export function evolveSessionIndexes(state: SessionState, event: DecidedEvent): SessionState {
  const where = event.aggregate.kind === 'activity' ? event.aggregate.activityId : null;
  switch (event.type) {
    case 'ActivityStarted':
      return withFields(state, { activityCount: state.activityCount + 1 });
    case 'TaskRequested':
      return withFields(state, { taskLocations: withEntry(state.taskLocations, event.data.taskId, where) });
    case 'GenerationCompleted': {
      if (where === null || event.data.calls.length === 0) return state;
      let callIds = state.callIds;
      for (const call of event.data.calls) callIds = withEntry(callIds, call.callId, where);
      return withFields(state, { callIds });
    }
    case 'ReplyQueued':
    case 'ReplyRequeued':
      return withFields(state, { batchCount: Math.max(state.batchCount, event.data.batchOrder) });
    case 'ReplyDeliveryStarted': {
      const { deliveryId, activityId, ownerKey, entries } = event.data;
      const delivery: DeliveryState = created({ deliveryId, activityId, ownerKey, status: 'generating', speechId: null, entries });
      return withFields(state, { deliveryCount: state.deliveryCount + 1, deliveries: withEntry(state.deliveries, deliveryId, delivery) });
    }
    case 'ReplyGenerated':
      return patchDelivery(state, event.data.deliveryId, { status: 'done' });
    case 'ReplyFailed':
      return patchDelivery(state, event.data.deliveryId, { status: 'failed', entries: [] });
    case 'SpeechQueued': {
      if (where === null) return state;
      const queued = withFields(state, { speechQueue: withItem(state.speechQueue, { activityId: where, speechId: event.data.speechId }) });
      const deliveryId = event.data.deliveryId;
      return deliveryId === null ? queued : patchDelivery(queued, deliveryId, { status: 'speaking', speechId: event.data.speechId });
    }
    case 'SpeechStarted':
      if (where === null) return state;
      return withFields(state, {
        speechQueue: state.speechQueue.filter((ref) => ref.speechId !== event.data.speechId),
        playing: { activityId: where, speechId: event.data.speechId },
      });
    case 'SpeechFinished': {
      const speechId = event.data.speechId;
      const deliveryId = where === null ? null : (state.activities[where]?.speeches[speechId]?.deliveryId ?? null);
      const finished = withFields(state, {
        speechQueue: state.speechQueue.filter((ref) => ref.speechId !== speechId),
        playing: state.playing?.speechId === speechId ? null : state.playing,
      });
      return deliveryId === null ? finished : patchDelivery(finished, deliveryId, { status: 'done', entries: [] });
    }
    default:
      return state;
  }
}

function patchDelivery(state: SessionState, deliveryId: string, change: Partial<DeliveryState>): SessionState {
  const delivery = state.deliveries[deliveryId];
  if (!delivery) return state;
  return withFields(state, { deliveries: withEntry(state.deliveries, deliveryId, withFields(delivery, change)) });
}
