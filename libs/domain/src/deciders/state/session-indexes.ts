import type { DecidedEvent } from '../decided-event.js';
import type { DeliveryState, SessionState } from './session-state.js';

/**
 * Session-wide views that follow events of every stream: counters behind derived ids, where
 * each task lives, the one speech queue, and deliveries (a session batch is delivered by
 * whichever activity is current, so a delivery belongs to the session).
 */
export function evolveSessionIndexes(state: SessionState, event: DecidedEvent): SessionState {
  const where = event.aggregate.kind === 'activity' ? event.aggregate.activityId : null;
  switch (event.type) {
    case 'ActivityStarted':
      return { ...state, activityCount: state.activityCount + 1 };
    case 'TaskRequested':
      return { ...state, taskLocations: { ...state.taskLocations, [event.data.taskId]: where } };
    case 'GenerationCompleted': {
      if (where === null || event.data.calls.length === 0) return state;
      const callIds = { ...state.callIds };
      for (const call of event.data.calls) callIds[call.callId] = where;
      return { ...state, callIds };
    }
    case 'ReplyQueued':
    case 'ReplyRequeued':
      return { ...state, batchCount: Math.max(state.batchCount, event.data.batchOrder) };
    case 'ReplyDeliveryStarted': {
      const { deliveryId, activityId, ownerKey, entries } = event.data;
      const delivery: DeliveryState = { deliveryId, activityId, ownerKey, status: 'generating', speechId: null, entries };
      return { ...state, deliveryCount: state.deliveryCount + 1, deliveries: { ...state.deliveries, [deliveryId]: delivery } };
    }
    case 'ReplyGenerated':
      return patchDelivery(state, event.data.deliveryId, { status: 'done' });
    case 'ReplyFailed':
      return patchDelivery(state, event.data.deliveryId, { status: 'failed', entries: [] });
    case 'SpeechQueued': {
      if (where === null) return state;
      const queued = { ...state, speechQueue: [...state.speechQueue, { activityId: where, speechId: event.data.speechId }] };
      const deliveryId = event.data.deliveryId;
      return deliveryId === null ? queued : patchDelivery(queued, deliveryId, { status: 'speaking', speechId: event.data.speechId });
    }
    case 'SpeechStarted':
      if (where === null) return state;
      return {
        ...state,
        speechQueue: state.speechQueue.filter((ref) => ref.speechId !== event.data.speechId),
        playing: { activityId: where, speechId: event.data.speechId },
      };
    case 'SpeechFinished': {
      const speechId = event.data.speechId;
      const finished = {
        ...state,
        speechQueue: state.speechQueue.filter((ref) => ref.speechId !== speechId),
        playing: state.playing?.speechId === speechId ? null : state.playing,
      };
      const deliveryId = where === null ? null : (state.activities[where]?.speeches[speechId]?.deliveryId ?? null);
      return deliveryId === null ? finished : patchDelivery(finished, deliveryId, { status: 'done', entries: [] });
    }
    default:
      return state;
  }
}

function patchDelivery(state: SessionState, deliveryId: string, change: Partial<DeliveryState>): SessionState {
  const delivery = state.deliveries[deliveryId];
  if (!delivery) return state;
  return { ...state, deliveries: { ...state.deliveries, [deliveryId]: { ...delivery, ...change } } };
}
