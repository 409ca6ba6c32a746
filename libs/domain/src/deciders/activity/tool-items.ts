import type { ChatItem } from '@aside/events';
import { activityEvent, eventOn } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { nextBatchOrder } from '../ids.js';
import { ownerAggregate, ownerBatches, ownerTargetActivityId } from '../queries/ownership.js';
import { openWhenIdleBatch } from '../state/batch-state.js';
import type { TaskState } from '../state/task-state.js';
import { maybeRequestToolReply } from './request-generation.js';

export interface ResolveOptions {
  /** The generation whose tool calls are being decided right now: its tool reply waits for them all. */
  readonly processingGenerationId?: string | null;
}

/**
 * Gives the original call its output (result, first update, error or cancel): the dispatch
 * stops holding the turn, and the tool reply follows once the generation's calls all have one.
 */
export function resolveOriginalCall(
  decision: Decision,
  task: TaskState,
  output: { readonly text: string; readonly isError: boolean },
  via: 'result' | 'first_update' | 'error' | 'cancelled',
  options: ResolveOptions = {},
): Decision {
  const item: ChatItem = { type: 'function_call_output', callId: task.callId, name: task.toolName, output: output.text, isError: output.isError };
  const resolved = emit(
    decision,
    activityEvent(task.activityId, 'ChatItemAdded', { item }),
    activityEvent(task.activityId, 'ToolCallResolved', {
      generationId: task.generationId,
      callId: task.callId,
      via,
      wantsReply: via !== 'cancelled',
    }),
  );
  if (options.processingGenerationId === task.generationId) return resolved;
  return maybeRequestToolReply(resolved, task.activityId, task.generationId);
}

/**
 * Writes an `_update_n` / `_finished` pair into the owner's target chat context at once
 * (SEMANTICS §3), then queues it for a deferred reply according to the tool's delivery.
 * Returns the activity written into.
 */
export function writeLaterItems(
  decision: Decision,
  task: TaskState,
  callId: string,
  output: { readonly text: string; readonly isError: boolean },
): { readonly decision: Decision; readonly activityId: string | null } {
  const target = ownerTargetActivityId(decision.state, task.ownerKey);
  if (target === null) return { decision, activityId: null };
  const items: ChatItem[] = [
    { type: 'function_call', callId, name: task.toolName, arguments: task.rawArguments },
    { type: 'function_call_output', callId, name: task.toolName, output: output.text, isError: output.isError },
  ];
  let next = emit(decision, ...items.map((item) => activityEvent(target, 'ChatItemAdded', { item })));
  if (task.delivery !== 'silent') {
    const open = task.delivery === 'when_idle' ? openWhenIdleBatch(ownerBatches(next.state, task.ownerKey), task.ownerKey) : undefined;
    next = emit(
      next,
      eventOn(ownerAggregate(task.ownerKey), 'ReplyQueued', {
        ownerKey: task.ownerKey,
        batchOrder: open?.batchOrder ?? nextBatchOrder(next.state),
        mode: task.delivery,
        entry: { callId, taskId: task.taskId, activityId: target, items, redelivered: false },
      }),
    );
  }
  return { decision: next, activityId: target };
}
