import type { TaskReport } from '@aside/events';
import type { ReportHandler, TaskJob, TaskQueue } from '../../../src/task-queue/task-queue.js';

/**
 * A task queue whose "runner" is the test: it hands over the jobs the gateway enqueues and
 * folds the reports the test sends, through the gateway's real report handler — the way a
 * result reaches a gateway from a runner, including after its session closed.
 */
export class ReportingQueue implements TaskQueue {
  readonly cancelled: string[] = [];
  private handler: ReportHandler | undefined;
  private readonly jobs: TaskJob[] = [];
  private readonly jobWaiters: ((job: TaskJob) => void)[] = [];

  async start(handler: ReportHandler): Promise<void> {
    this.handler = handler;
  }

  async enqueue(job: TaskJob): Promise<void> {
    const waiter = this.jobWaiters.shift();
    if (waiter) waiter(job);
    else this.jobs.push(job);
  }

  async cancel(taskId: string): Promise<void> {
    this.cancelled.push(taskId);
  }

  async close(): Promise<void> {
    // Nothing runs here.
  }

  /** The next job the gateway enqueues (or the oldest not yet taken). */
  nextJob(): Promise<TaskJob> {
    const job = this.jobs.shift();
    if (job) return Promise.resolve(job);
    return new Promise((resolve) => this.jobWaiters.push(resolve));
  }

  /** Folds a report and resolves once it is committed (as a runner's report is acknowledged). */
  report(job: TaskJob, attempt: number, seq: number, report: TaskReport): Promise<void> {
    if (!this.handler) throw new Error('the queue was not started');
    return this.handler({ taskId: job.taskId, sessionId: job.sessionId, attempt, seq, report });
  }
}
