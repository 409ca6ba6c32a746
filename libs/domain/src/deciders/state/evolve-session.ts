import type { DecidedEvent } from '../decided-event.js';
import { unreachable } from '../unreachable.js';
import { initialActivityState } from './activity-state.js';
import { evolveBatches } from './batch-state.js';
import { evolveActivity } from './evolve-activity.js';
import { evolveSessionIndexes } from './session-indexes.js';
import type { SessionState } from './session-state.js';
import { evolveTasks } from './task-state.js';
import { evolveLateDeliveries } from './late-delivery-state.js';
import { foldEvents, withEntry, withFields } from './copy-on-write.js';

/**
 * Folds one event of the session's log (any stream of the session, in commit order). Activity
 * events fold into their activity exactly as that activity's stream would fold alone; the
 * session's own stream moves the pointer and holds session-scoped tasks and batches; indexes
 * that span both (speech queue, deliveries, task locations) follow every event.
 */
export function evolveSession(state: SessionState, event: DecidedEvent): SessionState {
  const folded = event.aggregate.kind === 'activity' ? evolveActivityOf(state, event.aggregate.activityId, event) : evolveSessionStream(state, event);
  return evolveSessionIndexes(folded, event);
}

/**
 * Folds many events at once — a log's tail on load, a commit's events — to the same state as
 * `evolveSession` one by one, without copying the session's growing records once per event
 * (see copy-on-write.ts). The state it is given is left as it was.
 */
export function foldSession(state: SessionState, events: Iterable<DecidedEvent>): SessionState {
  return foldEvents(state, events, evolveSession);
}

function evolveActivityOf(state: SessionState, activityId: string, event: DecidedEvent): SessionState {
  const activity = evolveActivity(state.activities[activityId] ?? initialActivityState(), event);
  return withFields(state, { activities: withEntry(state.activities, activityId, activity) });
}

function evolveSessionStream(state: SessionState, event: DecidedEvent): SessionState {
  switch (event.type) {
    case 'SessionStarted': {
      const { sessionId, agent, playout, partition, managementTools, activityId, lateResults } = event.data;
      return withFields(state, { status: 'active', sessionId, agent, playout, partition, managementTools, lateResults, currentActivityId: activityId });
    }
    case 'SessionClosed':
      return withFields(state, { status: 'closed', currentActivityId: null, stack: [] });
    case 'UserStateChanged':
      return withFields(state, { user: { speaking: event.data.speaking, endOfTurnPending: event.data.endOfTurnPending } });
    case 'HandoffPerformed':
      return withFields(state, { currentActivityId: event.data.toActivityId });
    case 'AgentTaskEntered':
      return withFields(state, { stack: [...state.stack, event.data.parentActivityId], currentActivityId: event.data.taskActivityId });
    case 'AgentTaskReturned':
      return withFields(state, { stack: state.stack.slice(0, -1), currentActivityId: event.data.parentActivityId });
    case 'TaskRequested':
    case 'TaskStarted':
    case 'TaskProgressed':
    case 'TaskSucceeded':
    case 'TaskFailed':
    case 'TaskCancelRequested':
      return withFields(state, { tasks: evolveTasks(state.tasks, event) });
    case 'ReplyQueued':
    case 'ReplyRequeued':
    case 'ReplyDeliveryStarted':
    case 'ReplyDropped':
      return withFields(state, { batches: evolveBatches(state.batches, event) });
    case 'LateResultQueued':
    case 'LateResultAttemptFailed':
    case 'LateResultDelivered':
    case 'LateResultAbandoned':
      return withFields(state, { lateDeliveries: evolveLateDeliveries(state.lateDeliveries, event) });
    // Activity-stream facts and audit records: nothing of the session's own state changes.
    case 'ReportDiscarded':
    case 'ActivityStarted':
    case 'ActivityPaused':
    case 'ActivityResumed':
    case 'ActivityClosed':
    case 'HandoffDeferred':
    case 'HandoffRejected':
    case 'ChatItemAdded':
    case 'GenerationRequested':
    case 'GenerationCompleted':
    case 'GenerationFailed':
    case 'GenerationDiscarded':
    case 'ToolCallDispatched':
    case 'ToolCallAnswered':
    case 'ToolCallResolved':
    case 'SpeechQueued':
    case 'SpeechStarted':
    case 'SpeechFinished':
    case 'ReplyGenerated':
    case 'ReplyFailed':
      return state;
    default:
      return unreachable(event);
  }
}
