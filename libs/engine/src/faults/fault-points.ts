/**
 * Named places where a test may crash a process on purpose (issue 6's fault points), to prove
 * that a crash exactly there loses nothing and doubles nothing. Off unless `ASIDE_FAULT_POINT`
 * names the point; then the process is killed (SIGKILL: no shutdown hook, no flush, like a
 * power cut) the first time it gets there.
 *
 * One point pauses instead: `gateway.paused-before-append`, armed by a SIGWINCH the test sends,
 * stops the process (SIGSTOP) at its next commit, after the ownership check and before the
 * append — the split-brain window only the store's fencing epoch can close.
 */
export type FaultPoint =
  /** A runner wrote a terminal report to the inbox; BullMQ has not completed the job. */
  | 'runner.after-terminal-report'
  /** A gateway committed a report's fold; it has not acknowledged the inbox entry. */
  | 'gateway.after-fold-commit'
  /** A gateway committed `ReplyDeliveryStarted`; it has not asked the model for the reply. */
  | 'gateway.after-delivery-started'
  /** A gateway checked it owns the partition and is about to append (pauses; see above). */
  | 'gateway.paused-before-append';

export const FAULT_POINT_VARIABLE = 'ASIDE_FAULT_POINT';

let pauseArmed = false;
let pauseListening = false;
// Listening from the start. SIGWINCH because Nest's shutdown hooks take SIGUSR2 (and SIGUSR1 starts Node's inspector); unheard, it is ignored.
if (process.env[FAULT_POINT_VARIABLE] === 'gateway.paused-before-append') listenForPauseArming();

export function reachFaultPoint(point: FaultPoint, env: NodeJS.ProcessEnv = process.env): void {
  if (env[FAULT_POINT_VARIABLE] !== point) return;
  if (point === 'gateway.paused-before-append') return pauseIfArmed();
  process.stderr.write(`fault point ${point} reached: killing process ${process.pid}\n`);
  process.kill(process.pid, 'SIGKILL');
}

function listenForPauseArming(): void {
  if (pauseListening) return;
  pauseListening = true;
  process.on('SIGWINCH', () => {
    pauseArmed = true;
    process.stderr.write(`fault point gateway.paused-before-append armed in process ${process.pid}\n`);
  });
}

function pauseIfArmed(): void {
  listenForPauseArming();
  if (!pauseArmed) return;
  pauseArmed = false;
  process.stderr.write(`fault point gateway.paused-before-append reached: stopping process ${process.pid}\n`);
  process.kill(process.pid, 'SIGSTOP'); // resumes here on SIGCONT, and goes on to append
}
