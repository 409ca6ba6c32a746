import type { CancelTask } from '../commands.js';
import type { Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { findRunningTaskByCallId, notCancellableReason } from '../queries/tasks.js';
import { cancelTask } from './cancel-task.js';

/** `task.cancel()` from code hosting the session: same rules as `cancel_task`, answered with errors instead of chat items. */
export function cancelFromHost(decision: Decision, command: CancelTask): Decision {
  const task = findRunningTaskByCallId(decision.state, command.data.callId);
  if (!task) reject('UNKNOWN_TASK', `Task ${command.data.callId} not found or already completed`);
  const reason = notCancellableReason(task);
  if (reason !== null) reject('TASK_NOT_CANCELLABLE', `Tool call ${task.callId} is not cancellable: ${reason}`);
  return cancelTask(decision, task, 'client', null);
}
