import type { AsideEventData } from '@aside/events';
import { activityEvent, sessionEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { closeActivity } from './close-activity.js';

type Json = AsideEventData<'AgentTaskReturned'>['result'];

/**
 * The current agent task's activity closes and its parent, popped from the stack, is current
 * again. The shell hands `result` to the parent's tool that awaits it (that tool then reports
 * like any other, which resolves the parent's held turn).
 */
export function returnFromAgentTask(
  decision: Decision,
  taskActivityId: string,
  outcome: 'completed' | 'aborted',
  result: unknown,
): Decision {
  const activity = decision.state.activities[taskActivityId];
  const parentActivityId = activity?.parentActivityId;
  if (!activity || parentActivityId === null || parentActivityId === undefined) return decision;
  const closed = closeActivity(decision, taskActivityId, outcome === 'completed' ? 'task_completed' : 'task_aborted');
  return emit(
    closed,
    sessionEvent('AgentTaskReturned', {
      parentActivityId,
      taskActivityId,
      taskId: activity.awaitedByTaskId ?? '',
      outcome,
      result: outcome === 'completed' ? toJson(result) : null,
    }),
    activityEvent(parentActivityId, 'ActivityResumed', { taskActivityId }),
  );
}

/**
 * The tool awaiting an agent task finished or was cancelled: the agent task (and any task it
 * runs in turn) is aborted, so the conversation returns to the parent instead of hanging.
 */
export function abortAgentTasksAwaiting(decision: Decision, taskId: string): Decision {
  const waiting = Object.values(decision.state.activities).find(
    (activity) => activity.kind === 'task' && activity.awaitedByTaskId === taskId && activity.status !== 'closed',
  );
  if (!waiting || decision.state.status !== 'active') return decision;
  let next = decision;
  for (let guard = 0; guard < 100; guard += 1) {
    const current = next.state.currentActivityId;
    if (current === null || current === waiting.activityId) break;
    if (!next.state.stack.includes(waiting.parentActivityId ?? '')) break;
    next = returnFromAgentTask(next, current, 'aborted', null);
  }
  return next.state.currentActivityId === waiting.activityId ? returnFromAgentTask(next, waiting.activityId, 'aborted', null) : next;
}

/** Results travel in events: anything that is not plain JSON becomes its JSON image. */
function toJson(value: unknown): Json {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as Json);
}
