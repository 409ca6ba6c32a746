/**
 * Named places where a test may crash a process on purpose (issue 6's fault points), to prove
 * that a crash exactly there loses nothing and doubles nothing. Off unless `ASIDE_FAULT_POINT`
 * names the point; then the process is killed (SIGKILL: no shutdown hook, no flush, like a
 * power cut) the first time it gets there.
 */
export type FaultPoint =
  /** A runner wrote a terminal report to the inbox; BullMQ has not completed the job. */
  | 'runner.after-terminal-report'
  /** A gateway committed a report's fold; it has not acknowledged the inbox entry. */
  | 'gateway.after-fold-commit'
  /** A gateway committed `ReplyDeliveryStarted`; it has not asked the model for the reply. */
  | 'gateway.after-delivery-started';

export const FAULT_POINT_VARIABLE = 'ASIDE_FAULT_POINT';

export function reachFaultPoint(point: FaultPoint, env: NodeJS.ProcessEnv = process.env): void {
  if (env[FAULT_POINT_VARIABLE] !== point) return;
  process.stderr.write(`fault point ${point} reached: killing process ${process.pid}\n`);
  process.kill(process.pid, 'SIGKILL');
}
