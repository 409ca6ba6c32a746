import type { AnyToolDefinition, ToolLogger } from '@aside/domain';
import type { TaskReport } from '@aside/events';
import type { GatewayToolHooks, TaskJob, ToolResolver } from '../task-queue.js';
import { AttemptReporter } from './attempt-reporter.js';
import { AttemptRun, type AttemptOutcome } from './attempt-run.js';
import { backoffDelayMs, type BackoffSettings } from './backoff.js';
import type { ConcurrencyGate } from './concurrency-gate.js';
import { errorFields, errorMessage } from './error-detail.js';
import type { ReportSequencer } from './report-sequencer.js';
import { terminalReportFor } from '../attempt-ending.js';
import { withFields } from './tool-logger.js';
import { delay, type Wait } from './wait.js';

export interface TaskRunInput {
  readonly job: TaskJob;
  readonly resolveTool: ToolResolver;
  readonly hooks: GatewayToolHooks | undefined;
  readonly gate: ConcurrencyGate;
  readonly retryBackoff: BackoffSettings;
  readonly sequencer: ReportSequencer;
  /** Already carries the task's fields. */
  readonly logger: ToolLogger;
}

/**
 * The life of one task in the queue: wait for a slot, run an attempt, and either finish or —
 * after an internal error or a timeout while retries remain — wait out the backoff and run the
 * next attempt. Exactly one terminal report, always written here. A failed attempt that will be
 * retried reports nothing terminal: a failure is terminal for the domain, and the next
 * attempt's `started` supersedes the failed one instead.
 */
export class TaskRun {
  /** Resolves when the terminal report was queued (the task is over); never rejects. */
  readonly ended: Promise<void>;
  /** Resolves when, moreover, every report of the task was delivered or dropped. */
  readonly settled: Promise<void>;
  private reporter: AttemptReporter;
  private waiting: Wait | undefined;
  private running: AttemptRun | undefined;
  /** Why no further attempt may start (a cancel or a shutdown); the first reason wins. */
  private interruption: DOMException | undefined;
  private finished = false;

  constructor(private readonly input: TaskRunInput) {
    // Until an attempt starts, a cancel is reported as the first attempt (attempts count activations).
    this.reporter = this.reporterFor(this.firstAttempt);
    // Never inside the enqueuer's stack: the caller is the gateway's reactor.
    this.ended = Promise.resolve()
      .then(() => this.run())
      .catch((error: unknown) => this.crash(error));
    this.settled = this.ended.then(() => input.sequencer.drained());
  }

  /** After any attempts a former gateway started before it died. */
  private get firstAttempt(): number {
    return (this.input.job.attemptsBefore ?? 0) + 1;
  }

  get isFinished(): boolean {
    return this.finished;
  }

  /** Ends the task as cancelled: a waiting task leaves its wait, a running body sees its signal abort. */
  cancel(reason: DOMException): void {
    if (this.finished) return;
    this.interrupt(reason);
    this.running?.abort('cancelled', reason);
  }

  /** No further attempt will start; a running one may still finish (the shutdown's grace period). */
  stopTakingWork(reason: DOMException): void {
    if (this.finished) return;
    this.interrupt(reason);
  }

  private interrupt(reason: DOMException): void {
    this.interruption ??= reason;
    this.waiting?.cancel();
  }

  private async run(): Promise<void> {
    const tool = this.resolveTool();
    if (tool === undefined) return;
    for (let attempt = this.firstAttempt; ; attempt += 1) {
      const granted = await this.waitFor(this.input.gate.acquire());
      if (!granted || this.interruption) {
        if (granted) this.input.gate.release();
        return this.finish(this.interruptedReport());
      }
      const outcome = await this.runAttempt(attempt, tool);
      const report = this.terminalReport(outcome, attempt);
      if (report !== undefined) return this.finish(report);
      const delayMs = backoffDelayMs(attempt - this.firstAttempt + 1, this.input.retryBackoff);
      this.input.logger.warn('Tool attempt failed; retrying', { attempt, outcome: outcome.kind, delayMs });
      const elapsed = await this.waitFor(delay(delayMs));
      if (!elapsed || this.interruption) return this.finish(this.interruptedReport());
    }
  }

  private resolveTool(): AnyToolDefinition | undefined {
    const { job } = this.input;
    try {
      const tool = this.input.resolveTool(job);
      if (tool === undefined) {
        const message = `Unknown tool ${job.toolName} for agent ${job.agent}`;
        this.input.logger.error(message);
        this.finish({ type: 'failed', kind: 'internal', message });
      }
      return tool;
    } catch (error) {
      this.input.logger.error('Resolving the tool failed', errorFields(error));
      this.finish({ type: 'failed', kind: 'internal', message: `Could not resolve tool ${job.toolName}: ${errorMessage(error)}` });
      return undefined;
    }
  }

  private async runAttempt(attempt: number, tool: AnyToolDefinition): Promise<AttemptOutcome> {
    const logger = withFields(this.input.logger, { attempt });
    this.reporter = this.reporterFor(attempt);
    const run = new AttemptRun({ job: this.input.job, tool, reporter: this.reporter, hooks: this.input.hooks, logger });
    this.running = run;
    try {
      return await run.start();
    } finally {
      this.running = undefined;
      this.input.gate.release();
    }
  }

  /** The report that ends the task after this outcome, or undefined to retry. */
  private terminalReport(outcome: AttemptOutcome, attempt: number): TaskReport | undefined {
    return terminalReportFor(outcome, { retriesRemain: attempt - this.firstAttempt < this.input.job.retries, interruption: this.interruption });
  }

  private interruptedReport(): TaskReport {
    return { type: 'failed', kind: 'cancelled', message: this.interruption?.message ?? 'Cancelled' };
  }

  private async waitFor(wait: Wait): Promise<boolean> {
    this.waiting = wait;
    if (this.interruption) wait.cancel();
    try {
      return await wait.done;
    } finally {
      this.waiting = undefined;
    }
  }

  private finish(report: TaskReport): void {
    if (this.finished) return;
    this.finished = true;
    void this.reporter.terminal(report);
  }

  /** A bug of the queue itself: the task still ends, so nothing waits on it forever. */
  private crash(error: unknown): void {
    this.input.logger.error('The task run failed unexpectedly', errorFields(error));
    this.finish({ type: 'failed', kind: 'internal', message: `The task queue failed: ${errorMessage(error)}` });
  }

  private reporterFor(attempt: number): AttemptReporter {
    const { job, sequencer, logger } = this.input;
    return new AttemptReporter({ taskId: job.taskId, sessionId: job.sessionId, attempt }, (message) => sequencer.send(message), logger);
  }
}
