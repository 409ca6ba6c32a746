import type { AsideEventData } from '@aside/events';
import type { SessionState } from '../state/session-state.js';
import { isTerminal, type TaskState } from '../state/task-state.js';

export type DiscardReason = AsideEventData<'ReportDiscarded'>['reason'];

/**
 * Exactly-once folding (DESIGN §3.5): a report is folded only if it is news. Anything after a
 * terminal state (including a cancel), from an attempt older than the latest one seen, or with a
 * seq not newer than the last folded for its attempt is stale. A newer attempt's first report —
 * normally its `started` — supersedes the older attempt.
 */
export function staleReason(state: SessionState, task: TaskState, attempt: number, seq: number): DiscardReason | null {
  if (state.status === 'closed') return 'session_closed';
  if (isTerminal(task)) return 'task_finished';
  if (attempt < task.attempt) return 'superseded_attempt';
  if (attempt === task.attempt && seq <= task.lastSeq) return 'already_folded';
  return null;
}
