import type { AsideEventData } from '@aside/events';
import { eventOn } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { resolveOriginalCall, type ResolveOptions } from '../activity/tool-items.js';
import { ownerAggregate, ownerBatches } from '../queries/ownership.js';
import { isDispatchPending } from '../queries/tasks.js';
import { abortAgentTasksAwaiting } from '../session/agent-task-return.js';
import type { TaskState } from '../state/task-state.js';

export type CancelReason = AsideEventData<'TaskCancelRequested'>['reason'];

export interface CancelOptions extends ResolveOptions {
  /** The owner is closing: its batches are dropped by the close and nobody waits for its turn. */
  readonly closing?: boolean;
}

/**
 * Cancels a live task (SEMANTICS §5): the shell aborts its signal; from now on the domain treats
 * it as finished, so any later report is discarded. Before the first update the original call
 * gets an empty, non-error output and asks for no tool reply; after one, nothing further is
 * written, and replies still pending for it are dropped (the user asked to stop it).
 */
export function cancelTask(
  decision: Decision,
  task: TaskState,
  reason: CancelReason,
  byCallId: string | null,
  options: CancelOptions = {},
): Decision {
  const owner = ownerAggregate(task.ownerKey);
  let next = emit(decision, eventOn(owner, 'TaskCancelRequested', { taskId: task.taskId, reason, byCallId }));
  if (options.closing) return next;
  const entries = ownerBatches(next.state, task.ownerKey)
    .flatMap((batch) => batch.entries)
    .filter((entry) => entry.taskId === task.taskId);
  if (entries.length > 0) {
    next = emit(next, eventOn(owner, 'ReplyDropped', { ownerKey: task.ownerKey, reason: 'task_cancelled', entries }));
  }
  if (task.updates === 0 && isDispatchPending(next.state, task)) {
    next = resolveOriginalCall(next, task, { text: '', isError: false }, 'cancelled', options);
  }
  return abortAgentTasksAwaiting(next, task.taskId);
}
