import { parseToolArguments } from '../../../arguments/parse-tool-arguments.js';
import { cancelledText, notCancellableText, notFoundText } from '../../../templates/fixed-texts.js';
import type { Decision } from '../../decision.js';
import { CANCEL_TASK, cancelTaskParameters, GET_RUNNING_TASKS } from '../../management-tools.js';
import { findRunningTaskByCallId, notCancellableReason, runningTasks } from '../../queries/tasks.js';
import { cancelTask } from '../../tasks/cancel-task.js';
import { runningTasksText } from '../../texts.js';
import { answerCall, type ToolCallInProgress } from './call.js';

/**
 * SEMANTICS §5: the management tools act across owners. `get_running_tasks` lists every live task
 * of the session; `cancel_task` cancels one by call id, or says it is not found, or — for a tool
 * that is not cancellable or whose dispatching speech disallowed interruptions — answers with an
 * error and lets it run.
 */
export function answerManagementTool(decision: Decision, call: ToolCallInProgress): Decision {
  if (call.name === GET_RUNNING_TASKS) {
    const running = runningTasks(decision.state);
    return answerCall(decision, call, 'get_running_tasks', { text: runningTasksText(running), isError: false }, running.map((task) => task.callId));
  }
  if (call.name !== CANCEL_TASK) return decision;

  // The one argument validation of every tool (SEMANTICS §6): same leniencies, limits and wording.
  const parsed = parseToolArguments(CANCEL_TASK, cancelTaskParameters, call.rawArguments);
  if (!parsed.ok) return answerCall(decision, call, 'invalid_arguments', { text: parsed.message, isError: true });
  const targetCallId = parsed.args['call_id'] as string;
  const task = findRunningTaskByCallId(decision.state, targetCallId);
  if (!task) return answerCall(decision, call, 'cancel_task', { text: notFoundText(targetCallId), isError: false });
  const reason = notCancellableReason(task);
  if (reason !== null) {
    return answerCall(decision, call, 'cancel_task', { text: notCancellableText(task.callId, reason), isError: true }, [task.callId]);
  }
  const cancelled = cancelTask(decision, task, 'cancel_task', call.callId, { processingGenerationId: call.generationId });
  return answerCall(cancelled, call, 'cancel_task', { text: cancelledText(task.callId), isError: false }, [task.callId]);
}
