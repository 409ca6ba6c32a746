import { duplicateReplies } from './duplicate-replies.js';
import { orderProblems } from './event-order.js';
import type { SessionVerdict } from './fault-counts.js';
import { integrityProblems } from './log-integrity.js';
import { lostResults } from './lost-results.js';
import type { SessionLog } from './session-log.js';

/**
 * The soak's verdict on one session: its log read back whole after the session closed, and the
 * call ids whose results it had to deliver. Counts, never assertions: the soak prints a table.
 */
export function auditSession(log: SessionLog, callIds: readonly string[]): SessionVerdict {
  const corrupt = integrityProblems(log);
  const disorder = orderProblems(log.events);
  const doubled = duplicateReplies(log.events).map((duplicate) => duplicate.what);
  const lost = lostResults(log.events, callIds);
  return {
    sessionId: log.sessionId,
    counts: {
      lostResults: lost.length,
      duplicateReplies: doubled.length,
      corruptLogs: corrupt.length > 0 ? 1 : 0,
      outOfOrderLogs: disorder.length > 0 ? 1 : 0,
    },
    problems: [...lost.map((line) => `lost: ${line}`), ...doubled.map((line) => `duplicate: ${line}`), ...corrupt.map((line) => `corrupt: ${line}`), ...disorder.map((line) => `out of order: ${line}`)],
  };
}
