import type { ToolLogger } from '@aside/domain';
import {
  AttemptReporter,
  AttemptRun,
  backoffDelayMs,
  cancelledReason,
  errorFields,
  errorMessage,
  noopLogger,
  reachFaultPoint,
  shutdownReason,
  terminalReportFor,
  withFields,
  type BackoffSettings,
  type GatewayToolHooks,
  type TaskJob,
  type ToolResolver,
} from '@aside/engine';
import { parseSessionId, taskJobSchema, type TaskReport, type TaskReportMessage } from '@aside/events';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { AsideKeys, DEFAULT_QUEUE_NAME } from '../redis/aside-keys.js';
import { closeConnection, connect, redisOptionsOf, withDeadline, type RedisConnection } from '../redis/redis-connection.js';
import { ReportWriter, type ReportWritten } from '../redis/report-writer.js';
import { CancelListener } from './cancel-listener.js';
import { malformedJobReport } from './malformed-job.js';
import { OrderedSender } from './ordered-sender.js';

/** The BullMQ backoff type the gateway asks for; this runner's strategy computes it. */
export const ASIDE_BACKOFF_TYPE = 'aside';

export interface ToolRunnerWorkerOptions {
  readonly connection: RedisConnection;
  /** Shared with the gateway's `BullMqTaskQueue`: BullMQ's key prefix and ours. */
  readonly prefix: string;
  readonly resolveTool: ToolResolver;
  /** Only for bodies that run agent tasks; a remote runner normally has none. */
  readonly hooks?: GatewayToolHooks;
  readonly logger?: ToolLogger;
  /** Default `aside-tools`. */
  readonly queueName?: string;
  /** Attempts running at once in this process. Default 10. */
  readonly concurrency?: number;
  /** BullMQ's job lock; renewed at half. Default 30 s. */
  readonly lockDurationMs?: number;
  /** How often stalled jobs (a dead runner's) are looked for. Default 30 s. */
  readonly stalledIntervalMs?: number;
  /** Stall recoveries before a job fails. Default 1. */
  readonly maxStalledCount?: number;
  /** Between a failed attempt and the next. Default 1 s, doubling, at most 30 s. */
  readonly retryBackoff?: BackoffSettings;
  /** After the grace period and the aborts, how long closing BullMQ may take before it is forced. Default 5 s. */
  readonly closeDeadlineMs?: number;
  /** Hears attempts and report writes (metrics). */
  readonly observer?: ToolRunnerObserver;
}

/**
 * How an attempt on this runner ended: its terminal report (`succeeded`, `failed`, `cancelled`),
 * `retrying` (BullMQ runs it again), `handed_back` (shutdown), `refused` (a job it cannot run:
 * malformed, or a tool it does not serve), `error` (a report could not be written; BullMQ retries).
 */
export type RunnerAttemptOutcome = 'succeeded' | 'failed' | 'cancelled' | 'retrying' | 'handed_back' | 'refused' | 'error';

/** Metrics hooks. Each returns at once; whatever one throws is ignored. */
export interface ToolRunnerObserver {
  /** `tool` is the job's tool name, null for a job that is not a valid tool job. */
  attemptStarted(tool: string | null): void;
  attemptEnded(tool: string | null, outcome: RunnerAttemptOutcome, durationMs: number): void;
  reportWritten(report: TaskReport['type'], written: boolean): void;
}

const DEFAULT_RETRY_BACKOFF: BackoffSettings = { initialMs: 1_000, maxMs: 30_000 };
const DEFAULT_GRACE_MS = 5_000;

/** An attempt this process is running. */
interface ActiveAttempt {
  readonly run: AttemptRun;
  /** Set by a cancel: the task ends as cancelled and is never retried. */
  interruption: DOMException | undefined;
  /** Set when the shutdown aborted the attempt: the job goes back to the queue, attempt budget intact. */
  handedBack: boolean;
  inBody: boolean;
}

/**
 * A tool runner (DESIGN.md §3, §4): takes tool jobs from BullMQ, runs each body with the same
 * context and the same reports as the in-process queue (the attempt machinery is shared), and
 * writes the reports to the inbox of the session's partition. The attempt number is BullMQ's
 * `attemptsStarted`, which grows on every activation including stall recovery, so a new
 * attempt's reports fence out a zombie's.
 */
export class ToolRunnerWorker {
  private readonly keys: AsideKeys;
  private readonly logger: ToolLogger;
  /** By task id; a set, since a stalled job's zombie attempt may still run beside its next one. */
  private readonly active = new Map<string, Set<ActiveAttempt>>();
  private worker: Worker | undefined;
  private commands: Redis | undefined;
  private writer: ReportWriter | undefined;
  private cancels: CancelListener | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: ToolRunnerWorkerOptions) {
    this.keys = new AsideKeys(options.prefix);
    this.logger = options.logger ?? noopLogger;
  }

  /** Subscribes to cancels first (so none is missed for a job it takes), then starts taking jobs. */
  async start(): Promise<void> {
    if (this.worker !== undefined || this.closing !== undefined) throw new Error('The tool runner was already started');
    this.commands = connect(this.options.connection);
    this.writer = new ReportWriter(this.commands, this.keys);
    this.cancels = await CancelListener.listen(connect(this.options.connection), this.keys.cancelChannel(), (taskId) => this.cancelLocal(taskId), this.logger);
    const backoff = this.options.retryBackoff ?? DEFAULT_RETRY_BACKOFF;
    // Three declared parameters: BullMQ hands the AbortSignal (and cancelJob works) only then.
    const processor = (job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<null> => this.process(job, token, signal);
    this.worker = new Worker(this.options.queueName ?? DEFAULT_QUEUE_NAME, processor, {
      connection: { ...redisOptionsOf(this.options.connection), maxRetriesPerRequest: null },
      prefix: this.options.prefix,
      concurrency: this.options.concurrency ?? 10,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 30_000,
      maxStalledCount: this.options.maxStalledCount ?? 1,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelayMs(attemptsMade, backoff) },
    });
    this.worker.on('error', (error) => this.logger.error('BullMQ worker error', errorFields(error)));
    await this.worker.waitUntilReady();
  }

  /** Attempts whose body is still running here (diagnostics and tests). */
  get attemptsInBody(): number {
    return this.allAttempts().filter((attempt) => attempt.inBody).length;
  }

  /**
   * Stops taking jobs at once, lets running bodies finish within the grace period, then aborts
   * the rest and hands their jobs back to the queue without burning an attempt (another runner
   * runs them; their reports fence this attempt's out), and closes BullMQ with a deadline.
   * Idempotent.
   */
  close(graceMs = DEFAULT_GRACE_MS): Promise<void> {
    this.closing ??= this.shutDown(graceMs);
    return this.closing;
  }

  private async shutDown(graceMs: number): Promise<void> {
    const worker = this.worker;
    if (worker !== undefined) {
      const drained = worker.close(); // stops fetching; resolves once the running jobs finished
      if (!(await withDeadline(drained, graceMs))) {
        const overdue = this.allAttempts();
        if (overdue.length > 0) this.logger.warn('Handing back the jobs whose bodies still run after the grace period', { count: overdue.length, graceMs });
        for (const attempt of overdue) {
          attempt.handedBack = true;
          attempt.run.abort('cancelled', shutdownReason());
        }
      }
      const deadlineMs = this.options.closeDeadlineMs ?? 5_000;
      if (!(await withDeadline(drained, deadlineMs))) {
        this.logger.error('BullMQ worker did not close in time; forcing it', { deadlineMs });
        await withDeadline(worker.close(true), 1_000);
      }
    }
    await this.cancels?.close();
    if (this.commands) await closeConnection(this.commands);
  }

  private allAttempts(): ActiveAttempt[] {
    return [...this.active.values()].flatMap((attempts) => [...attempts]);
  }

  private cancelLocal(taskId: string): void {
    for (const attempt of this.active.get(taskId) ?? []) this.interrupt(attempt, cancelledReason(taskId));
  }

  private interrupt(attempt: ActiveAttempt, reason: DOMException): void {
    attempt.interruption ??= reason;
    attempt.run.abort('cancelled', reason);
  }

  /** One attempt, as the observer hears it: started, then ended with its outcome and duration. */
  private async process(job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<null> {
    const parsed = taskJobSchema.safeParse(job.data);
    const tool = parsed.success ? parsed.data.toolName : null;
    const began = performance.now();
    let outcome: RunnerAttemptOutcome = 'error';
    this.observe((observer) => observer.attemptStarted(tool));
    const ids = parsed.success ? jobLogFields(parsed.data, job) : { jobId: job.id, attempt: Math.max(1, job.attemptsStarted) };
    this.logger.info('job started', ids);
    try {
      return await this.runAttempt(job, parsed, token, signal, (ended) => (outcome = ended));
    } finally {
      this.observe((observer) => observer.attemptEnded(tool, outcome, performance.now() - began));
      const level = outcome === 'error' || outcome === 'refused' ? 'warn' : 'info';
      this.logger[level]('job ended', { ...ids, outcome, durationMs: Math.round(performance.now() - began) });
    }
  }

  private async runAttempt(
    job: Job,
    parsed: ReturnType<typeof taskJobSchema.safeParse>,
    token: string | undefined,
    signal: AbortSignal | undefined,
    ended: (outcome: RunnerAttemptOutcome) => void,
  ): Promise<null> {
    const attempt = Math.max(1, job.attemptsStarted);
    if (!parsed.success) {
      const { message, report } = malformedJobReport(job.data, job.id, attempt, parsed.error);
      this.logger.error('Refused a job it cannot run', { jobId: job.id, error: message });
      ended('refused');
      if (report) await this.writeReport(report);
      throw new UnrecoverableError(message);
    }
    const data = parsed.data;
    const logger = withFields(this.logger, jobLogFields(data, job));
    const sender = new OrderedSender(async (message) => {
      const written = await this.writeReport(message);
      // The flag seen through the write: a missed cancel publish is still caught.
      if (written.cancelRequested) this.cancelLocal(data.taskId);
    }, logger);
    const reporter = new AttemptReporter({ taskId: data.taskId, sessionId: data.sessionId, attempt }, (message) => sender.send(message), logger);
    const unresolved = this.resolveTool(data, logger);
    if (unresolved.report) {
      await reporter.terminal(unresolved.report);
      this.throwIfUnwritten(sender);
      ended('refused');
      throw new UnrecoverableError(unresolved.report.type === 'failed' ? unresolved.report.message : 'unresolved tool');
    }
    const run = new AttemptRun({ job: data, tool: unresolved.tool!, reporter, hooks: this.options.hooks, logger });
    const current: ActiveAttempt = { run, interruption: undefined, handedBack: false, inBody: true };
    const attempts = this.active.get(data.taskId) ?? new Set<ActiveAttempt>();
    attempts.add(current);
    this.active.set(data.taskId, attempts);
    const onAbort = (): void => this.interrupt(current, cancelledReason(data.taskId));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let outcome = await run.start();
      current.inBody = false;
      if (outcome.kind === 'cancelled' && current.handedBack && current.interruption === undefined) {
        // The shutdown aborted it, not a cancel: back to the queue — unless a cancel flag was set meanwhile.
        if (!(await this.cancelFlagSet(data))) {
          ended('handed_back');
          return await this.handBack(job, token, logger);
        }
        outcome = { kind: 'cancelled', message: cancelledReason(data.taskId).message };
      }
      const retriesRemain = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
      if (retriesRemain && (outcome.kind === 'internal' || outcome.kind === 'timeout')) {
        // Before handing the job back for a retry, catch a cancel whose publish was missed.
        if (await this.cancelFlagSet(data)) current.interruption ??= cancelledReason(data.taskId);
      }
      const report = terminalReportFor(outcome, { retriesRemain, interruption: current.interruption });
      if (report === undefined) {
        await sender.drained();
        this.throwIfUnwritten(sender);
        ended('retrying');
        logger.warn('Tool attempt failed; BullMQ retries it', { outcome: outcome.kind });
        throw new Error(outcome.kind === 'returned' ? 'retry' : outcome.message); // BullMQ retries with backoff
      }
      await reporter.terminal(report);
      this.throwIfUnwritten(sender);
      ended(report.type === 'succeeded' ? 'succeeded' : report.type === 'failed' && report.kind === 'cancelled' ? 'cancelled' : 'failed');
      reachFaultPoint('runner.after-terminal-report');
      if (report.type === 'failed') throw new UnrecoverableError(report.message); // never retried
      return null;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      attempts.delete(current);
      if (attempts.size === 0) this.active.delete(data.taskId);
    }
  }

  /**
   * Moves the job from active back to wait (BullMQ's `moveToWait` leaves `attemptsMade` alone,
   * so the retry budget is intact) and tells BullMQ it was moved. The next activation raises
   * `attemptsStarted`, so the new attempt's reports supersede this one's.
   */
  private async handBack(job: Job, token: string | undefined, logger: ToolLogger): Promise<never> {
    await job.moveToWait(token);
    logger.info('Handed the job back to the queue (shutdown)');
    throw new WaitingError();
  }

  private resolveTool(job: TaskJob, logger: ToolLogger): { readonly tool?: ReturnType<ToolResolver>; readonly report?: TaskReport } {
    try {
      const tool = this.options.resolveTool(job);
      if (tool !== undefined) return { tool };
      const message = `Unknown tool ${job.toolName} for agent ${job.agent}`;
      logger.error(message);
      return { report: { type: 'failed', kind: 'internal', message } };
    } catch (error) {
      logger.error('Resolving the tool failed', errorFields(error));
      return { report: { type: 'failed', kind: 'internal', message: `Could not resolve tool ${job.toolName}: ${errorMessage(error)}` } };
    }
  }

  private async writeReport(message: TaskReportMessage): Promise<ReportWritten> {
    try {
      const written = await this.writer!.write(message);
      this.observe((observer) => observer.reportWritten(message.report.type, true));
      return written;
    } catch (error) {
      this.observe((observer) => observer.reportWritten(message.report.type, false));
      throw error;
    }
  }

  private observe(hear: (observer: ToolRunnerObserver) => void): void {
    if (this.options.observer === undefined) return;
    try {
      hear(this.options.observer);
    } catch {
      // Metrics must never fail an attempt.
    }
  }

  /** A report that never reached the inbox: fail the attempt so BullMQ runs it again. */
  private throwIfUnwritten(sender: OrderedSender): void {
    if (sender.failed !== undefined) throw new Error(`A report could not be written: ${errorMessage(sender.failed)}`);
  }

  private async cancelFlagSet(job: TaskJob): Promise<boolean> {
    const partition = parseSessionId(job.sessionId)!.partition;
    return (await this.commands!.exists(this.keys.cancelFlag(partition, job.taskId))) === 1;
  }
}

/** The ids on every log line of an attempt, named as the gateway's notable-event lines name them. */
function jobLogFields(data: TaskJob, job: Job): Readonly<Record<string, string | number>> {
  return { sessionId: data.sessionId, activityId: data.activityId, toolCallId: data.callId, taskId: data.taskId, attempt: Math.max(1, job.attemptsStarted), tool: data.toolName };
}
