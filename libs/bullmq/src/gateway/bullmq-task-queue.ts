import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { ToolLogger } from '@aside/domain';
import { errorFields, noopLogger, type ReportHandler, type TaskJob, type TaskQueue, type TaskQueueReadiness } from '@aside/engine';
import { isSessionId, parseSessionId, taskJobSchema } from '@aside/events';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { AsideKeys, DEFAULT_QUEUE_NAME, INBOX_GROUP, MARKER_TTL_SECONDS } from '../redis/aside-keys.js';
import { closeConnection, connect, redisOptionsOf, withDeadline, type RedisConnection } from '../redis/redis-connection.js';
import { ReportWriter } from '../redis/report-writer.js';
import { ASIDE_BACKOFF_TYPE } from '../runner/tool-runner-worker.js';
import { InboxConsumer, type FoldedReport, type InboxBacklog } from './inbox-consumer.js';
import { queueDepth, type QueueDepth } from './queue-depth.js';
import { UnreportedEndings, type EndedJob } from './unreported-endings.js';

export interface BullMqTaskQueueOptions {
  readonly connection: RedisConnection;
  /** Shared with the runners: BullMQ's key prefix and ours. */
  readonly prefix: string;
  /** Default `aside-tools`. */
  readonly queueName?: string;
  /**
   * The partitions whose inboxes are consumed from the start. Default `[0]`. A gateway whose
   * partitions come and go (leases) passes `[]` and attaches/detaches them.
   */
  readonly partitions?: readonly number[];
  /** This gateway's consumer name in the inbox group; stable across restarts is best. Default host-pid-random. */
  readonly consumerName?: string;
  readonly logger?: ToolLogger;
  /** How long one inbox read blocks (also how soon close is noticed). Default 1 s. */
  readonly blockMs?: number;
  /** Pending inbox entries idle this long are reclaimed (a dead consumer's). Default 30 s. */
  readonly reclaimIdleMs?: number;
  /** After the handler rejected a report, how long before it is handed over again. Default 100 ms. */
  readonly redeliveryDelayMs?: number;
  /** How long an enqueue stays idempotent after the task finished (BullMQ deduplication). Default 1 day. */
  readonly dedupeTtlMs?: number;
  /** How long a failed job is kept for inspection. Default 1 day. */
  readonly keepFailedSeconds?: number;
  /** Deadline for each connection and consumer loop to close. Default 2 s. */
  readonly closeDeadlineMs?: number;
  /** Heard once per report folded from an inbox (fold-latency metrics); must not throw. */
  readonly onReportFolded?: (folded: FoldedReport) => void;
}

const DAY_MS = 24 * 60 * 60 * 1_000;
/** How long readiness waits for BullMQ to hand over its queue client (it is there once opened). */
const CLIENT_WAIT_MS = 50;

/** A BullMQ queue of tool jobs, as the queue board needs it. */
export type ToolQueue = Queue;
const REMOVABLE_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children', 'wait', 'paused']);

/**
 * The gateway's side of distributed mode (DESIGN.md §3): tasks become BullMQ jobs that runners
 * take, and the runners' reports come back through the inbox stream of each owned partition.
 *
 * Idempotent by construction: the job id is the task id and a deduplication id keeps a second
 * enqueue a no-op for `dedupeTtlMs`, also after the job finished and was removed.
 */
export class BullMqTaskQueue implements TaskQueue {
  private readonly keys: AsideKeys;
  private readonly logger: ToolLogger;
  private readonly queue: Queue;
  private readonly commands: Redis;
  private readonly endings: UnreportedEndings;
  private readonly consumers = new Map<number, InboxConsumer>();
  private queueEvents: QueueEvents | undefined;
  private handler: ReportHandler | undefined;
  private consumerName = '';
  private closing: Promise<void> | undefined;

  constructor(private readonly options: BullMqTaskQueueOptions) {
    this.keys = new AsideKeys(options.prefix);
    this.logger = options.logger ?? noopLogger;
    this.commands = connect(options.connection);
    this.endings = new UnreportedEndings(new ReportWriter(this.commands, this.keys), this.logger);
    this.queue = new Queue(options.queueName ?? DEFAULT_QUEUE_NAME, { connection: redisOptionsOf(options.connection), prefix: options.prefix });
    this.queue.on('error', (error) => this.logger.error('BullMQ queue error', errorFields(error)));
  }

  async start(handler: ReportHandler): Promise<void> {
    if (this.handler !== undefined) throw new Error('The task queue was already started');
    if (this.closing !== undefined) throw new Error('The task queue is closed');
    this.handler = handler;
    this.consumerName = this.options.consumerName ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    for (const partition of this.options.partitions ?? [0]) await this.consume(partition, false);
    await this.watchFailedJobs();
  }

  /**
   * Starts consuming the inbox of a partition whose lease this gateway just acquired, as its
   * sole owner: entries a former owner left pending (or still takes) are adopted and folded first.
   */
  attachPartition(partition: number): Promise<void> {
    return this.consume(partition, true);
  }

  private async consume(partition: number, soleOwner: boolean): Promise<void> {
    if (this.handler === undefined) throw new Error('Start the task queue before attaching partitions');
    if (this.consumers.has(partition) || this.closing !== undefined) return;
    const blockMs = this.options.blockMs ?? 1_000;
    const consumer = new InboxConsumer(
      // The watchdog: a blocking read that outlives its BLOCK (a silent reconnect) is failed and retried.
      connect(this.options.connection, { blockingTimeout: blockMs + 1_000 }),
      connect(this.options.connection),
      {
        stream: this.keys.inbox(partition),
        deadLetters: this.keys.inboxDead(partition),
        group: INBOX_GROUP,
        consumer: this.consumerName,
        blockMs,
        reclaimIdleMs: this.options.reclaimIdleMs ?? 30_000,
        redeliveryDelayMs: this.options.redeliveryDelayMs ?? 100,
        entriesPerRead: 100,
        soleOwner,
        ...(this.options.onReportFolded ? { onFolded: this.options.onReportFolded } : {}),
      },
      this.handler,
      this.logger,
    );
    this.consumers.set(partition, consumer);
    await consumer.start();
  }

  /** Stops consuming the partition's inbox; what is pending stays for its next owner. */
  async detachPartition(partition: number): Promise<void> {
    const consumer = this.consumers.get(partition);
    if (consumer === undefined) return;
    this.consumers.delete(partition);
    await consumer.close((this.options.blockMs ?? 1_000) + (this.options.closeDeadlineMs ?? 2_000));
  }

  /**
   * The backstop for jobs BullMQ fails without any runner reporting it (retries exhausted by
   * crashes). `QueueEvents` is unacknowledged and lossy (TOOLCHAIN.md), so it only ever adds a
   * report the inbox lacks; a gateway that was down when the event passed misses it.
   */
  private async watchFailedJobs(): Promise<void> {
    const queueEvents = new QueueEvents(this.options.queueName ?? DEFAULT_QUEUE_NAME, { connection: redisOptionsOf(this.options.connection), prefix: this.options.prefix });
    queueEvents.on('error', (error) => this.logger.error('BullMQ queue events error', errorFields(error)));
    queueEvents.on('failed', ({ jobId, failedReason }) => {
      this.endFailedJob(jobId, failedReason).catch((error: unknown) => this.logger.error('Could not end a failed job', { jobId, ...errorFields(error) }));
    });
    this.queueEvents = queueEvents;
    await queueEvents.waitUntilReady();
  }

  private async endFailedJob(jobId: string, failedReason: string): Promise<void> {
    const job = this.endedJob(await this.queue.getJob(jobId));
    if (job !== undefined) await this.endings.failedByQueue(job, failedReason);
  }

  /** The job's task, if its session is in a partition this gateway owns. */
  private endedJob(job: Job | undefined): EndedJob | undefined {
    const sessionId: unknown = job?.data?.sessionId;
    if (job === undefined || job.id === undefined || !isSessionId(sessionId)) return undefined;
    if (!this.consumers.has(parseSessionId(sessionId)!.partition)) return undefined;
    return { sessionId, taskId: job.id, attemptsStarted: job.attemptsStarted };
  }

  async enqueue(job: TaskJob): Promise<void> {
    if (this.closing !== undefined) throw new Error(`The task queue is closed; task ${job.taskId} was not enqueued`);
    if (this.handler === undefined) throw new Error('Start the task queue (start(handler)) before enqueueing');
    const data = taskJobSchema.parse(job); // never send a runner what it would refuse
    await this.queue.add(data.toolName, data, {
      jobId: data.taskId,
      deduplication: { id: data.taskId, ttl: this.options.dedupeTtlMs ?? DAY_MS },
      attempts: data.retries + 1,
      backoff: { type: ASIDE_BACKOFF_TYPE },
      removeOnComplete: true,
      removeOnFail: { age: this.options.keepFailedSeconds ?? DAY_MS / 1_000 },
    });
  }

  /**
   * Sets the cancel flag (read back by every report write) and publishes the task id to every
   * runner. A job not started yet, or waiting for its retry, is removed here, and its terminal
   * `cancelled` report written to the inbox by the gateway itself, since no runner ever will:
   * through the inbox it is durable, acknowledged like any report, and ordered after the
   * task's earlier reports.
   */
  async cancel(taskId: string): Promise<void> {
    const job = await this.queue.getJob(taskId);
    const sessionId: unknown = job?.data?.sessionId;
    if (job === undefined || !isSessionId(sessionId)) return; // unknown or finished (removed)
    const partition = parseSessionId(sessionId)!.partition;
    // One round trip, in this order: a runner woken by the publish finds the flag set.
    await this.commands.multi().set(this.keys.cancelFlag(partition, taskId), '1', 'EX', MARKER_TTL_SECONDS).publish(this.keys.cancelChannel(), taskId).exec();
    const state = await job.getState();
    if (!REMOVABLE_STATES.has(state)) return; // running: the runner ends it; finished: nothing to do
    try {
      await job.remove();
    } catch (error) {
      // Taken by a runner meanwhile: the flag reaches it through its first report write.
      this.logger.info('A cancelled job could not be removed; the runner will see the flag', { taskId, ...errorFields(error) });
      return;
    }
    await this.endings.cancelledWhileWaiting({ sessionId, taskId, attemptsStarted: job.attemptsStarted });
  }

  /**
   * Readiness (`/readyz`): started and not closing, its own connections up (the commands one and
   * BullMQ's queue client, which enqueues), and every inbox consumer attached so far running,
   * connected and reading. Answers at once: connection states, no round trip to Redis.
   */
  async readiness(): Promise<TaskQueueReadiness> {
    if (this.closing !== undefined) return { ready: false, detail: 'closed' };
    if (this.handler === undefined) return { ready: false, detail: 'not started' };
    const problems: string[] = [];
    const queueClient = await this.queueClient();
    if (queueClient?.status !== 'ready') problems.push(`queue connection ${queueClient?.status ?? 'not open'}`);
    if (this.commands.status !== 'ready') problems.push(`commands connection ${this.commands.status}`);
    for (const [partition, consumer] of this.consumers) {
      const health = consumer.health();
      if (health !== 'ok') problems.push(`inbox ${partition}: ${health}`);
    }
    return problems.length === 0 ? { ready: true, detail: 'ok' } : { ready: false, detail: problems.join('; ') };
  }

  /** BullMQ's queue client, unless it is still being opened. */
  private async queueClient(): Promise<{ readonly status: string } | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const waited = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), CLIENT_WAIT_MS)));
      return await Promise.race([this.queue.getBackend().client, waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The BullMQ queues this gateway sends tool jobs to (the queue board shows them). One queue
   * serves every tool — each job is named after its tool — so a tool added later needs no new queue.
   */
  toolQueues(): readonly ToolQueue[] {
    return [this.queue];
  }

  /** Whether every report now in the owned inboxes was handed to the handler (diagnostics, tests). */
  async inboxCaughtUp(): Promise<boolean> {
    const answers = await Promise.all([...this.consumers.values()].map((consumer) => consumer.caughtUp()));
    return answers.every(Boolean);
  }

  /** The backlog of each inbox this gateway consumes (metrics, read at scrape time). */
  async inboxBacklogs(): Promise<readonly (InboxBacklog & { readonly partition: number })[]> {
    return Promise.all([...this.consumers].map(async ([partition, consumer]) => ({ partition, ...(await consumer.backlog()) })));
  }

  /** The tool queue's jobs by state, and by tool for the states that wait or run (metrics, read at scrape time). */
  depth(): Promise<QueueDepth> {
    return queueDepth(this.queue, this.commands);
  }

  /**
   * Stops enqueueing and consuming, and closes every connection with a deadline. Jobs already
   * queued stay in Redis for the runners: they are durable, not this gateway's to end.
   * `graceMs` is unused here (bodies run on the runners; see `ToolRunnerWorker.close`).
   */
  close(_graceMs?: number): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const deadlineMs = this.options.closeDeadlineMs ?? 2_000;
    await Promise.all([...this.consumers.keys()].map((partition) => this.detachPartition(partition)));
    // Past the deadline (Redis gone), BullMQ's retry timers would keep the process alive: cut the sockets.
    if (this.queueEvents !== undefined && !(await withDeadline(this.queueEvents.close(), deadlineMs))) {
      this.logger.warn('BullMQ queue events did not close in time; disconnecting', { deadlineMs });
      await withDeadline(this.queueEvents.disconnect().catch(() => undefined), deadlineMs);
    }
    if (!(await withDeadline(this.queue.close(), deadlineMs))) {
      this.logger.warn('BullMQ queue did not close in time; disconnecting', { deadlineMs });
      await withDeadline(this.queue.disconnect().catch(() => undefined), deadlineMs);
    }
    await closeConnection(this.commands, deadlineMs);
  }
}
