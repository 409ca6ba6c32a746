import type { ToolLogger } from '@aside/domain';
import { cancelledReason } from '@aside/engine';
import type { TaskReport } from '@aside/events';
import type { ReportWriter } from '../redis/report-writer.js';

/** BullMQ's view of a job the gateway ends itself. */
export interface EndedJob {
  readonly sessionId: string;
  readonly taskId: string;
  /** BullMQ's `attemptsStarted`: the attempt that was running when the job ended, if any. */
  readonly attemptsStarted: number;
}

/**
 * The terminal reports no runner will ever write, written by the gateway into the same inbox
 * (so they are durable, acknowledged and ordered like any report), numbered after whatever the
 * runners wrote for the task so the fold takes them:
 * - a task cancelled while it waited (for its first run or its retry) — removed from the queue;
 * - a job BullMQ failed on its own — its retries exhausted by runner crashes (stalled more
 *   often than allowed) — seen through `QueueEvents` `failed`, the backstop DESIGN.md §3 allows.
 */
export class UnreportedEndings {
  constructor(
    private readonly writer: ReportWriter,
    private readonly logger: ToolLogger,
  ) {}

  async cancelledWhileWaiting(job: EndedJob): Promise<void> {
    await this.writeAfterLast(job, { type: 'failed', kind: 'cancelled', message: cancelledReason(job.taskId).message });
  }

  /** Nothing is written when a runner already wrote the task's terminal report (the usual failure). */
  async failedByQueue(job: EndedJob, failedReason: string): Promise<void> {
    const last = await this.writer.lastWritten(job.sessionId, job.taskId);
    if (last?.terminal) return;
    this.logger.warn('A job failed without a terminal report (its runners died); ending the task', { taskId: job.taskId, failedReason });
    await this.writeAfterLast(job, { type: 'failed', kind: 'internal', message: `The tool runner stopped: ${failedReason}` });
  }

  private async writeAfterLast(job: EndedJob, report: TaskReport): Promise<void> {
    const last = await this.writer.lastWritten(job.sessionId, job.taskId);
    const attempt = Math.max(1, job.attemptsStarted, last?.attempt ?? 0);
    const seq = last !== undefined && last.attempt === attempt ? last.seq + 1 : 0;
    await this.writer.write({ taskId: job.taskId, sessionId: job.sessionId, attempt, seq, report });
  }
}
