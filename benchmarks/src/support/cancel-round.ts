import type { TaskJob, TaskQueue } from '@aside/engine';
import type { TaskReport } from '@aside/events';
import { elapsedMs, nowNs } from './cancel-runner-protocol.js';
import type { CancelTracker } from './cancel-tracker.js';
import { within } from './settable.js';

const RUNNING_DEADLINE_MS = 10_000;
const ENDED_DEADLINE_MS = 10_000;
/** The abort's IPC note may trail the folded report a little; it is not on the measured path. */
const ABORT_NOTE_DEADLINE_MS = 2_000;

const isCancelled = (report: TaskReport): boolean => report.type === 'failed' && report.kind === 'cancelled';
const describe = (report: TaskReport): string => (report.type === 'failed' ? `failed/${report.kind}` : report.type);

export interface RoundSamples {
  /** Per task whose body reported its abort: cancel() called → the body's signal aborted. */
  readonly abortMs: number[];
  /** Per task ended `failed/cancelled`: cancel() called → that report handed to the ReportHandler. */
  readonly cancelledFoldedMs: number[];
  /** Tasks that ended some other way (the report type, e.g. `succeeded`, `failed/internal`). */
  readonly otherEndings: string[];
  /** Cancelled tasks whose body never reported an abort. */
  readonly missingAborts: number;
}

/**
 * One round: enqueue every job, wait until each one's `progress` report is folded (its body is
 * inside its wait), cancel them all in one tick, then wait for every terminal report and abort.
 * A round that stalls throws; its tasks are cancelled (best effort) so no body keeps a runner slot.
 */
export async function cancelRound(queue: TaskQueue, tracker: CancelTracker, jobs: readonly TaskJob[]): Promise<RoundSamples> {
  const timelines = jobs.map((job) => tracker.expect(job.taskId));
  try {
    await Promise.all(jobs.map((job) => queue.enqueue(job)));
    await within(Promise.all(timelines.map((timeline) => timeline.running.promise)), RUNNING_DEADLINE_MS, `${jobs.length} bodies running`);

    // Each cancel's clock starts right before its own call; all calls leave in this tick.
    const cancels = jobs.map((job, i) => {
      timelines[i]!.cancelAtNs = nowNs();
      return queue.cancel(job.taskId);
    });
    await Promise.all(cancels);
    const endings = await within(Promise.all(timelines.map((timeline) => timeline.ended.promise)), ENDED_DEADLINE_MS, `${jobs.length} terminal reports`);

    const cancelled = timelines.filter((_, i) => isCancelled(endings[i]!));
    await within(Promise.all(cancelled.map((timeline) => timeline.aborted.promise)), ABORT_NOTE_DEADLINE_MS, 'abort notes').catch(() => undefined);
    const aborted = cancelled.filter((timeline) => timeline.abortAtNs !== undefined);
    return {
      abortMs: aborted.map((timeline) => elapsedMs(timeline.cancelAtNs!, timeline.abortAtNs!)),
      cancelledFoldedMs: cancelled.map((timeline) => elapsedMs(timeline.cancelAtNs!, timeline.endedAtNs!)),
      otherEndings: endings.filter((report) => !isCancelled(report)).map(describe),
      missingAborts: cancelled.length - aborted.length,
    };
  } catch (error) {
    await Promise.allSettled(jobs.map((job) => queue.cancel(job.taskId)));
    throw error;
  } finally {
    for (const job of jobs) tracker.forget(job.taskId);
  }
}
