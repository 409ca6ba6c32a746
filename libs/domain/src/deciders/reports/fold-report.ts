import type { FoldReport } from '../commands.js';
import { eventOn } from '../decided-event.js';
import { emit, type Decision } from '../decision.js';
import { reject } from '../domain-error.js';
import { findTask, ownerAggregate } from '../queries/ownership.js';
import { unreachable } from '../unreachable.js';
import { foldProgress } from './fold-progress.js';
import { foldFailed, foldSucceeded } from './fold-terminal.js';
import { staleReason } from './report-fence.js';
import { queueLateResult } from '../late-results/queue-late-result.js';

/**
 * A runner report, folded at most once. Stale input is not an error: it is recorded as
 * `ReportDiscarded` (with the report, so a late result is never lost from the audit) and
 * nothing else changes — but for a late result, which is queued for the session's webhook. A report for a task the session never had is refused.
 */
export function foldReport(decision: Decision, command: FoldReport): Decision {
  const { taskId, attempt, seq, report } = command.data;
  if (!Number.isSafeInteger(attempt) || attempt < 1 || !Number.isSafeInteger(seq) || seq < 0) {
    reject('INVALID_COMMAND', `A report needs attempt ≥ 1 and seq ≥ 0, got attempt ${attempt}, seq ${seq}`);
  }
  const task = findTask(decision.state, taskId);
  if (!task) reject('UNKNOWN_TASK', `No task ${taskId} in this session`);
  const stale = staleReason(decision.state, task, attempt, seq);
  if (stale !== null) {
    const discarded = emit(decision, eventOn(ownerAggregate(task.ownerKey), 'ReportDiscarded', { taskId, attempt, seq, reason: stale, report }));
    return queueLateResult(discarded, task, report);
  }
  const key = { taskId, attempt, seq };
  switch (report.type) {
    case 'started':
      return emit(decision, eventOn(ownerAggregate(task.ownerKey), 'TaskStarted', key));
    case 'progress':
      return foldProgress(decision, task, key, report.message);
    case 'succeeded':
      return foldSucceeded(decision, task, key, report);
    case 'failed':
      return foldFailed(decision, task, key, report);
    default:
      return unreachable(report);
  }
}
