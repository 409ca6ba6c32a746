import type { LateOutcome, TaskReport } from '@aside/events';
import { sessionEvent } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import type { SessionState } from '../state/session-state.js';
import type { TaskState } from '../state/task-state.js';
import type { LateDeliveryState } from '../state/late-delivery-state.js';

type LateReason = 'session_closed' | 'activity_closed' | 'handoff';

/** Receivers deduplicate on it: derived from the task (unique across sessions), one per task. */
export const lateDeliveryId = (taskId: string): string => `${taskId}-late`;

/**
 * Whether a discarded report is a **late result** (SEMANTICS §10): a terminal result — a value
 * or an error, not the acknowledgement of a cancel — of a task that was cancelled because its
 * target closed (the session, the owning activity, or a handoff away from it). A result of a
 * task someone cancelled on purpose (cancel_task, replace, the host) is not one: nobody wants
 * it; nor is a repeat of a result already folded (the task ended otherwise than cancelled).
 */
export function lateResultOf(task: TaskState, report: TaskReport): { readonly reason: LateReason; readonly outcome: LateOutcome } | null {
  const outcome = outcomeOf(report);
  if (outcome === null || task.status !== 'cancelled') return null;
  switch (task.cancelReason) {
    case 'session_closed':
    case 'activity_closed':
    case 'handoff':
      return { reason: task.cancelReason, outcome };
    default:
      return null;
  }
}

/**
 * Follows a `ReportDiscarded` in the same decision: a late result of a session created with
 * `lateResults` is queued for its webhook, once per task (a second attempt's result is not a
 * second late result). Without `lateResults` the discard is the whole record.
 */
export function queueLateResult(decision: Decision, task: TaskState, report: TaskReport): Decision {
  if (decision.state.lateResults === null) return decision;
  const late = lateResultOf(task, report);
  const deliveryId = lateDeliveryId(task.taskId);
  if (late === null || deliveryId in decision.state.lateDeliveries) return decision;
  return emit(
    decision,
    sessionEvent('LateResultQueued', {
      deliveryId,
      taskId: task.taskId,
      callId: task.callId,
      toolName: task.toolName,
      reason: late.reason,
      outcome: late.outcome,
      occurredAt: decision.metadata.now,
    }),
  );
}

/** Deliveries still to be POSTed (or retried), oldest first. */
export function pendingLateDeliveries(state: SessionState): readonly LateDeliveryState[] {
  return Object.values(state.lateDeliveries).filter((delivery) => delivery.status === 'pending');
}

function outcomeOf(report: TaskReport): LateOutcome | null {
  if (report.type === 'succeeded') return { type: 'result', result: report.result };
  if (report.type === 'failed' && report.kind !== 'cancelled') return { type: 'error', kind: report.kind, message: report.message };
  return null;
}
