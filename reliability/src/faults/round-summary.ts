import type { StoredEvent } from '@aside/events/store';
import { foldedReports, gatewayWriters } from '@aside/testing-deployment';
import { readSessionLog } from './checker/read-session-log.js';
import type { FaultDeployment } from './deployment/fault-deployment.js';
import type { Round } from './deployment/round.js';

/**
 * What a round's log shows of the fault, for the progress log: which gateways wrote it in turn,
 * the attempt that ended each task, how many reports were discarded — so a reader sees that the
 * fault landed (a takeover, a re-run) rather than passing by.
 */
export async function summarizeRound(deployment: FaultDeployment, round: Round): Promise<string> {
  const log = (await readSessionLog(deployment.store, round.sessionId)).events;
  const writers = gatewayWriters(log, deployment.allGateways).join('→');
  const attempts = round.tasks.map((task) => `${task.callId}@${endingAttempt(log, task.taskId) ?? '?'}`).join(' ');
  const discarded = foldedReports(log).filter((report) => report.type === 'ReportDiscarded').length;
  return `written by ${writers}; ended ${attempts}; ${discarded} report(s) discarded`;
}

function endingAttempt(log: readonly StoredEvent[], taskId: string): number | undefined {
  return foldedReports(log, taskId).find((report) => report.type === 'TaskSucceeded' || report.type === 'TaskFailed')?.attempt;
}
