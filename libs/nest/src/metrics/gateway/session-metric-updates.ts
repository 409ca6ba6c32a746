import type { AsideEventData } from '@aside/events';
import { findTask, type DecidedEvent, type SessionState, type SpeechState } from '@aside/domain';
import type { Committed } from '@aside/engine';
import type { DeliveryStarts } from './delivery-starts.js';

export type TaskTransition = 'requested' | 'started' | 'succeeded' | 'failed' | 'cancelled';
export type TaskOutcome = 'succeeded' | 'failed' | 'cancelled';
export type TaskFailureKind = AsideEventData<'TaskFailed'>['kind'];
export type ReplyOutcome = 'spoken' | 'interrupted' | 'empty' | 'failed' | 'dropped';
export type ReplyDropReason = AsideEventData<'ReplyDropped'>['reason'];
export type DeliveryMode = AsideEventData<'ReplyDeliveryStarted'>['mode'];

/** One change to a series, as read from a commit (labels are bounded: tools, states, reasons — never ids). */
export type SessionMetricUpdate =
  | { readonly metric: 'task'; readonly tool: string; readonly state: TaskTransition }
  | { readonly metric: 'taskDuration'; readonly tool: string; readonly outcome: TaskOutcome; readonly seconds: number }
  | { readonly metric: 'taskFailure'; readonly tool: string; readonly kind: TaskFailureKind }
  | { readonly metric: 'taskUpdate'; readonly tool: string }
  | { readonly metric: 'reply'; readonly outcome: ReplyOutcome; readonly reason?: ReplyDropReason }
  | { readonly metric: 'deliveryLatency'; readonly mode: DeliveryMode; readonly seconds: number };

/**
 * What one commit means for the gateway's session metrics. Everything is read from the events
 * and the state after the commit (a task's tool and request time, a speech's delivery), except
 * when a deferred reply's delivery started: that is nowhere in the state, so `deliveries`
 * remembers it until the reply's speech starts. `nowMs` is the commit's time (the listener
 * runs right after the append).
 */
export function sessionMetricUpdates(committed: Committed, nowMs: number, deliveries: DeliveryStarts): SessionMetricUpdate[] {
  const { sessionId, state } = committed;
  return committed.events.flatMap((event) => updatesFor(event, state, sessionId, nowMs, deliveries));
}

function updatesFor(event: DecidedEvent, state: SessionState, sessionId: string, nowMs: number, deliveries: DeliveryStarts): SessionMetricUpdate[] {
  switch (event.type) {
    case 'TaskRequested':
      return [{ metric: 'task', tool: event.data.toolName, state: 'requested' }];
    case 'TaskStarted':
      return taskUpdates(state, event.data.taskId, (tool) => [{ metric: 'task', tool, state: 'started' }]);
    case 'TaskProgressed':
      return taskUpdates(state, event.data.taskId, (tool) => [{ metric: 'taskUpdate', tool }]);
    case 'TaskSucceeded':
      return ended(state, event.data.taskId, 'succeeded', nowMs);
    case 'TaskFailed': {
      const { kind } = event.data;
      return [...ended(state, event.data.taskId, 'failed', nowMs), ...taskUpdates(state, event.data.taskId, (tool) => [{ metric: 'taskFailure', tool, kind }])];
    }
    // The domain counts a task as finished from the moment its cancel is requested.
    case 'TaskCancelRequested':
      return ended(state, event.data.taskId, 'cancelled', nowMs);
    case 'ReplyDeliveryStarted':
      deliveries.started(sessionId, event.data.deliveryId, event.data.mode, nowMs);
      return [];
    case 'SpeechStarted':
      return speechStarted(speechOf(state, event), sessionId, nowMs, deliveries);
    case 'SpeechFinished': {
      if (speechOf(state, event)?.deliveryId == null) return [];
      return [{ metric: 'reply', outcome: event.data.status === 'played' ? 'spoken' : 'interrupted' }];
    }
    case 'ReplyGenerated':
      if (event.data.text.trim() !== '') return [];
      deliveries.forget(sessionId, event.data.deliveryId);
      return [{ metric: 'reply', outcome: 'empty' }];
    case 'ReplyFailed':
      deliveries.forget(sessionId, event.data.deliveryId);
      return [{ metric: 'reply', outcome: 'failed' }];
    case 'ReplyDropped':
      return [{ metric: 'reply', outcome: 'dropped', reason: event.data.reason }];
    case 'SessionClosed':
      deliveries.forgetSession(sessionId);
      return [];
    default:
      return [];
  }
}

function taskUpdates(state: SessionState, taskId: string, updates: (tool: string) => SessionMetricUpdate[]): SessionMetricUpdate[] {
  const task = findTask(state, taskId);
  return task ? updates(task.toolName) : [];
}

function ended(state: SessionState, taskId: string, outcome: TaskOutcome, nowMs: number): SessionMetricUpdate[] {
  return taskUpdates(state, taskId, (tool) => {
    const requestedAt = Date.parse(findTask(state, taskId)!.requestedAt);
    const duration: SessionMetricUpdate[] = Number.isNaN(requestedAt) ? [] : [{ metric: 'taskDuration', tool, outcome, seconds: Math.max(0, nowMs - requestedAt) / 1_000 }];
    return [{ metric: 'task', tool, state: outcome }, ...duration];
  });
}

/** A deferred reply's speech starting ends its delivery latency (idle → the user hears the reply). */
function speechStarted(speech: SpeechState | undefined, sessionId: string, nowMs: number, deliveries: DeliveryStarts): SessionMetricUpdate[] {
  if (speech?.deliveryId == null) return [];
  const start = deliveries.finish(sessionId, speech.deliveryId);
  return start ? [{ metric: 'deliveryLatency', mode: start.mode, seconds: Math.max(0, nowMs - start.atMs) / 1_000 }] : [];
}

/** Speech events live in the stream of the activity that speaks. */
function speechOf(state: SessionState, event: DecidedEvent & { readonly data: { readonly speechId: string } }): SpeechState | undefined {
  if (event.aggregate.kind !== 'activity') return undefined;
  return state.activities[event.aggregate.activityId]?.speeches[event.data.speechId];
}
