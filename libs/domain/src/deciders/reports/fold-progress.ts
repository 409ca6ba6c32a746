import { renderUpdate } from '../../templates/templates.js';
import { eventOn } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { updateCallId } from '../ids.js';
import { resolveOriginalCall, writeLaterItems } from '../activity/tool-items.js';
import { ownerAggregate } from '../queries/ownership.js';
import { isDispatchPending } from '../queries/tasks.js';
import type { TaskState } from '../state/task-state.js';
import { templatesFor } from '../templates-for.js';

export interface FoldedKey {
  readonly taskId: string;
  readonly attempt: number;
  readonly seq: number;
}

/**
 * `ctx.update(message)` (SEMANTICS §1, §3). The first update makes the tool async: the original
 * call's output is the filled update template, the turn is released and the LLM answers at once.
 * The n-th later update is a new `<callId>_update_<n>` pair written into the owner's target
 * chat context immediately and queued for a deferred reply.
 */
export function foldProgress(decision: Decision, task: TaskState, key: FoldedKey, message: string): Decision {
  const update = task.updates + 1;
  const progressed = emit(decision, eventOn(ownerAggregate(task.ownerKey), 'TaskProgressed', { ...key, message, update }));
  const text = renderUpdate(templatesFor(decision.context, task.agent, task.toolName), task.toolName, message);
  if (update === 1) {
    if (!isDispatchPending(progressed.state, task)) return progressed;
    return resolveOriginalCall(progressed, task, { text, isError: false }, 'first_update');
  }
  return writeLaterItems(progressed, task, updateCallId(task.callId, update - 1), { text, isError: false }).decision;
}
