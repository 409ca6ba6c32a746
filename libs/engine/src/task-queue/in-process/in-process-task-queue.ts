import type { ToolLogger } from '@aside/domain';
import type { GatewayToolHooks, ReportHandler, TaskJob, TaskQueue, ToolResolver } from '../task-queue.js';
import { cancelledReason, shutdownReason } from './abort-reasons.js';
import type { BackoffSettings } from './backoff.js';
import { ConcurrencyGate } from './concurrency-gate.js';
import { ReportSequencer, type ReportDeliverySettings } from './report-sequencer.js';
import { TaskRun } from './task-run.js';
import { noopLogger, withFields } from './tool-logger.js';
import { delay } from './wait.js';

export interface InProcessTaskQueueOptions {
  readonly resolveTool: ToolResolver;
  /** Lets gateway-local bodies run agent tasks (`ctx.runTask`); without it, runTask rejects. */
  readonly hooks?: GatewayToolHooks;
  /** Silent when left out. Bodies get a child with the task's fields as `ctx.logger`. */
  readonly logger?: ToolLogger;
  /** Between a failed attempt and the next. Default 1 s, doubling, at most 30 s. */
  readonly retryBackoff?: BackoffSettings;
  /** Attempts running at once; further tasks wait in line (cancellable). Default unbounded. */
  readonly concurrency?: number;
  /** Retries of a report the handler rejected. Default 5 tries, 100 ms doubling to 2 s. */
  readonly reportDelivery?: ReportDeliverySettings;
}

const DEFAULT_RETRY_BACKOFF: BackoffSettings = { initialMs: 1_000, maxMs: 30_000 };
const DEFAULT_REPORT_DELIVERY: ReportDeliverySettings = { attempts: 5, backoff: { initialMs: 100, maxMs: 2_000 } };
const DEFAULT_GRACE_MS = 5_000;

/**
 * The embedded-mode task queue (DESIGN.md §4): tool bodies run in this process, and report
 * exactly what a remote runner reports — the same reports, keyed taskId/attempt/seq, through the
 * same handler — so the gateway cannot tell the two apart.
 *
 * Idempotent by construction: a task id is run at most once per queue, even after it finished.
 */
export class InProcessTaskQueue implements TaskQueue {
  private handler: ReportHandler | undefined;
  private readonly gate: ConcurrencyGate;
  private readonly logger: ToolLogger;
  /** Tasks whose reports are not all delivered yet. */
  private readonly live = new Map<string, TaskRun>();
  /** Ids of finished tasks, so that enqueueing one again does nothing (one string per task). */
  private readonly done = new Set<string>();
  private closing: Promise<void> | undefined;

  constructor(private readonly options: InProcessTaskQueueOptions) {
    this.gate = new ConcurrencyGate(options.concurrency);
    this.logger = options.logger ?? noopLogger;
  }

  async start(handler: ReportHandler): Promise<void> {
    if (this.handler !== undefined) throw new Error('The task queue was already started');
    if (this.closing !== undefined) throw new Error('The task queue is closed');
    this.handler = handler;
  }

  async enqueue(job: TaskJob): Promise<void> {
    if (this.closing !== undefined) throw new Error(`The task queue is closed; task ${job.taskId} was not enqueued`);
    if (this.handler === undefined) throw new Error('Start the task queue (start(handler)) before enqueueing');
    if (this.live.has(job.taskId) || this.done.has(job.taskId)) return;
    const logger = withFields(this.logger, { taskId: job.taskId, sessionId: job.sessionId, callId: job.callId, tool: job.toolName });
    const run = new TaskRun({
      job,
      resolveTool: this.options.resolveTool,
      hooks: this.options.hooks,
      gate: this.gate,
      retryBackoff: this.options.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
      sequencer: new ReportSequencer(this.handler, this.options.reportDelivery ?? DEFAULT_REPORT_DELIVERY, logger),
      logger,
    });
    this.live.set(job.taskId, run);
    void run.settled.then(() => {
      this.live.delete(job.taskId);
      this.done.add(job.taskId);
    });
  }

  async cancel(taskId: string): Promise<void> {
    this.live.get(taskId)?.cancel(cancelledReason(taskId));
  }

  /** Idempotent: a second call waits for the first shutdown. */
  close(graceMs = DEFAULT_GRACE_MS): Promise<void> {
    this.closing ??= this.shutDown(graceMs);
    return this.closing;
  }

  /**
   * Stops new attempts at once (waiting tasks end as cancelled), gives running bodies the grace
   * period, then aborts the rest (cancelled too), and resolves when every report was delivered.
   */
  private async shutDown(graceMs: number): Promise<void> {
    const runs = [...this.live.values()];
    const reason = shutdownReason();
    for (const run of runs) run.stopTakingWork(reason);
    const allEnded = Promise.all(runs.map((run) => run.ended));
    const grace = delay(graceMs);
    await Promise.race([allEnded, grace.done]);
    grace.cancel();
    const overdue = runs.filter((run) => !run.isFinished);
    if (overdue.length > 0) this.logger.warn('Aborting tool bodies still running after the grace period', { count: overdue.length, graceMs });
    for (const run of overdue) run.cancel(reason);
    await Promise.all(runs.map((run) => run.settled));
  }
}
