import type { TaskReport } from '@aside/events';
import { INTERNAL_ERROR_TEXT } from '../../templates/fixed-texts.js';
import { eventOn } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { finishedCallId } from '../ids.js';
import { maybeRequestToolReply } from '../activity/request-generation.js';
import { resolveOriginalCall, writeLaterItems } from '../activity/tool-items.js';
import { ownerAggregate, ownerTargetActivityId } from '../queries/ownership.js';
import { isDispatchPending } from '../queries/tasks.js';
import { abortAgentTasksAwaiting } from '../session/agent-task-return.js';
import { requestHandoff } from '../session/handoff.js';
import type { TaskState } from '../state/task-state.js';
import { timedOutText } from '../texts.js';
import type { FoldedKey } from './fold-progress.js';

type Succeeded = Extract<TaskReport, { readonly type: 'succeeded' }>;
type Failed = Extract<TaskReport, { readonly type: 'failed' }>;

/**
 * The tool returned (SEMANTICS §3). Before any update it behaves like a synchronous tool: the
 * original output is the value, and a handoff happens in this same decision. After an update
 * the value is a `<callId>_finished` pair (nothing when it returned nothing), and a handoff
 * waits until that result was delivered.
 */
export function foldSucceeded(decision: Decision, task: TaskState, key: FoldedKey, report: Succeeded): Decision {
  let next = emit(decision, eventOn(ownerAggregate(task.ownerKey), 'TaskSucceeded', { ...key, result: report.result, handoff: report.handoff }));
  if (task.updates === 0) {
    if (isDispatchPending(next.state, task)) {
      // With a handoff, A's tool reply is not requested: B speaks next (unless the handoff is refused or deferred).
      const hold = report.handoff === null ? {} : { processingGenerationId: task.generationId };
      next = resolveOriginalCall(next, task, { text: report.result ?? '', isError: false }, 'result', hold);
    }
    if (report.handoff !== null) {
      const from = next.state.activities[task.activityId]?.status === 'closed' ? ownerTargetActivityId(next.state, task.ownerKey) : task.activityId;
      if (from !== null) next = requestHandoff(next, from, report.handoff, task.callId, false);
      next = maybeRequestToolReply(next, task.activityId, task.generationId);
    }
  } else {
    let writtenTo: string | null = null;
    if (report.result !== null) {
      const written = writeLaterItems(next, task, finishedCallId(task.callId), { text: report.result, isError: false });
      next = written.decision;
      writtenTo = written.activityId;
    }
    const from = writtenTo ?? ownerTargetActivityId(next.state, task.ownerKey);
    if (report.handoff !== null && from !== null) next = requestHandoff(next, from, report.handoff, task.callId, true);
  }
  return abortAgentTasksAwaiting(next, task.taskId);
}

/**
 * The tool failed (SEMANTICS §3, §8). A `ToolError` shows its message, anything else only
 * `An internal error occurred` (the detail stays in the event), a timeout says so. A cancel
 * before any update resolves the call with an empty, non-error output; after one, nothing.
 */
export function foldFailed(decision: Decision, task: TaskState, key: FoldedKey, report: Failed): Decision {
  let next = emit(decision, eventOn(ownerAggregate(task.ownerKey), 'TaskFailed', { ...key, kind: report.kind, message: report.message }));
  if (report.kind === 'cancelled') {
    if (task.updates === 0 && isDispatchPending(next.state, task)) {
      next = resolveOriginalCall(next, task, { text: '', isError: false }, 'cancelled');
    }
    return abortAgentTasksAwaiting(next, task.taskId);
  }
  const text = report.kind === 'internal' ? INTERNAL_ERROR_TEXT : report.kind === 'timeout' ? timedOutText(task.toolName, report.message) : report.message;
  if (task.updates === 0) {
    if (isDispatchPending(next.state, task)) next = resolveOriginalCall(next, task, { text, isError: true }, 'error');
  } else {
    next = writeLaterItems(next, task, finishedCallId(task.callId), { text, isError: true }).decision;
  }
  return abortAgentTasksAwaiting(next, task.taskId);
}
