import type { SessionState } from '../state/session-state.js';
import { isTerminal, type TaskState } from '../state/task-state.js';
import { allTasks } from './ownership.js';

/** What `get_running_tasks` lists: every live task of the session, whatever its owner. */
export function runningTasks(state: SessionState): readonly TaskState[] {
  return allTasks(state).filter((task) => !isTerminal(task));
}

export function findRunningTaskByCallId(state: SessionState, callId: string): TaskState | undefined {
  return runningTasks(state).find((task) => task.callId === callId);
}

/** Why a live task cannot be cancelled, or null when it can (SEMANTICS §5). */
export function notCancellableReason(task: TaskState): string | null {
  if (!task.cancellable) return 'the tool does not allow cancellation';
  if (!task.allowInterruptions) return 'the speech that started it does not allow interruptions';
  return null;
}

/** True while the original call still waits for its output (the turn is held). */
export function isDispatchPending(state: SessionState, task: TaskState): boolean {
  const generation = state.activities[task.activityId]?.generations[task.generationId];
  return generation?.pending.includes(task.callId) ?? false;
}
