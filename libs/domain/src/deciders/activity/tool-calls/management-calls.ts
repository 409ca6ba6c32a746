import { argumentErrorPrefix, cancelledText, notCancellableText, notFoundText } from '../../../templates/fixed-texts.js';
import type { Decision } from '../../decision.js';
import { CANCEL_TASK, GET_RUNNING_TASKS } from '../../management-tools.js';
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

  const target = readCallId(call.rawArguments);
  if (!target.ok) return answerCall(decision, call, 'invalid_arguments', { text: `${argumentErrorPrefix(CANCEL_TASK)} ${target.problem}`, isError: true });
  const task = findRunningTaskByCallId(decision.state, target.callId);
  if (!task) return answerCall(decision, call, 'cancel_task', { text: notFoundText(target.callId), isError: false });
  const reason = notCancellableReason(task);
  if (reason !== null) {
    return answerCall(decision, call, 'cancel_task', { text: notCancellableText(task.callId, reason), isError: true }, [task.callId]);
  }
  const cancelled = cancelTask(decision, task, 'cancel_task', call.callId, { processingGenerationId: call.generationId });
  return answerCall(cancelled, call, 'cancel_task', { text: cancelledText(task.callId), isError: false }, [task.callId]);
}

/** `{ call_id }` with the §6 leniencies: a JSON string holding the object is unwrapped, null means {}. */
function readCallId(raw: string): { readonly ok: true; readonly callId: string } | { readonly ok: false; readonly problem: string } {
  let value: unknown;
  try {
    value = raw.trim() === '' ? {} : JSON.parse(raw);
    if (typeof value === 'string') value = JSON.parse(value);
  } catch {
    return { ok: false, problem: 'invalid JSON' };
  }
  if (value === null) value = {};
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, problem: 'expected a JSON object' };
  const callId = (value as Record<string, unknown>)['call_id'];
  if (callId === undefined || callId === null) return { ok: false, problem: 'call_id: required' };
  if (typeof callId !== 'string') return { ok: false, problem: `call_id: expected string, received ${typeof callId}` };
  return { ok: true, callId };
}
