import type { ReportHandler, TaskQueue, TaskReportMessage } from '@aside/engine';

/**
 * The gateway's task queue, telling the bench each time its inbox consumer hands a report to
 * the gateway's fold (the ReportHandler), before the fold starts. That splits a fold's latency
 * in two: runner → inbox → hand-over (the queue's share), hand-over → commit (the session
 * mailbox, the decision and the event-store append: the engine's share). Everything else is
 * passed through untouched.
 */
export class HandoverStampingQueue implements TaskQueue {
  constructor(
    private readonly inner: TaskQueue,
    private readonly onHandover: (message: TaskReportMessage) => void,
  ) {}

  start(handler: ReportHandler): Promise<void> {
    return this.inner.start((message) => {
      this.onHandover(message);
      return handler(message);
    });
  }

  attachPartition: NonNullable<TaskQueue['attachPartition']> = (partition) => this.inner.attachPartition?.(partition) ?? Promise.resolve();
  detachPartition: NonNullable<TaskQueue['detachPartition']> = (partition) => this.inner.detachPartition?.(partition) ?? Promise.resolve();
  enqueue: TaskQueue['enqueue'] = (job) => this.inner.enqueue(job);
  cancel: TaskQueue['cancel'] = (taskId) => this.inner.cancel(taskId);
  close: TaskQueue['close'] = (graceMs) => this.inner.close(graceMs);
}
