import type { AsideEvent, AsideEventData } from '@aside/events';
import { created, withEntry, withFields } from './copy-on-write.js';

export type TaskStatus = 'requested' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** One async tool call (every tool body runs as a task), as its owner knows it. */
export interface TaskState extends Readonly<AsideEventData<'TaskRequested'>> {
  readonly status: TaskStatus;
  /** The latest started attempt (0 before any report). Older attempts are fenced out. */
  readonly attempt: number;
  /** The last folded seq of `attempt` (-1 before any). */
  readonly lastSeq: number;
  /** Updates folded so far; the first one resolved the original call, so `updates > 0` means async. */
  readonly updates: number;
  readonly lastProgress: string | null;
  /** Why it was cancelled, once it was: tells a late result (its target closed) from an unwanted one. */
  readonly cancelReason: AsideEventData<'TaskCancelRequested'>['reason'] | null;
}

export type TaskTable = Readonly<Record<string, TaskState>>;

export const TERMINAL_STATUSES: readonly TaskStatus[] = ['succeeded', 'failed', 'cancelled'];

export function isTerminal(task: TaskState): boolean {
  return TERMINAL_STATUSES.includes(task.status);
}

/** Folds the task events of one owner container (an activity's or the session's tasks). */
export function evolveTasks(tasks: TaskTable, event: AsideEvent): TaskTable {
  switch (event.type) {
    case 'TaskRequested':
      return withEntry(tasks, event.data.taskId, created({ ...event.data, status: 'requested', attempt: 0, lastSeq: -1, updates: 0, lastProgress: null, cancelReason: null }));
    case 'TaskStarted':
      return patch(tasks, event.data.taskId, () => ({ status: 'running', attempt: event.data.attempt, lastSeq: event.data.seq }));
    case 'TaskProgressed':
      return patch(tasks, event.data.taskId, () => ({
        status: 'running',
        attempt: event.data.attempt,
        lastSeq: event.data.seq,
        updates: event.data.update,
        lastProgress: event.data.message,
      }));
    case 'TaskSucceeded':
      return patch(tasks, event.data.taskId, () => ({ status: 'succeeded', attempt: event.data.attempt, lastSeq: event.data.seq }));
    case 'TaskFailed':
      return patch(tasks, event.data.taskId, () => ({ status: 'failed', attempt: event.data.attempt, lastSeq: event.data.seq }));
    case 'TaskCancelRequested':
      return patch(tasks, event.data.taskId, () => ({ status: 'cancelled', cancelReason: event.data.reason }));
    default:
      return tasks;
  }
}

function patch(tasks: TaskTable, taskId: string, change: (task: TaskState) => Partial<TaskState>): TaskTable {
  const task = tasks[taskId];
  if (!task) return tasks;
  return withEntry(tasks, taskId, withFields(task, change(task)));
}
