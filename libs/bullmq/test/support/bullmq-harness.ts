import type { TaskQueue, TaskReportMessage } from '@aside/engine';
import { taskReportMessageSchema } from '@aside/events';
import { testKeyPrefix } from '@aside/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { AsideKeys, BullMqTaskQueue, DEFAULT_QUEUE_NAME, ToolRunnerWorker } from '../../src/index.js';
import { redisOptionsOf } from '../../src/redis/redis-connection.js';
import type { TaskQueueHarness } from '@aside/engine/task-queue-contract';

export const redisUrl = (): string => {
  const url = process.env['REDIS_URL'];
  if (url === undefined) throw new Error('REDIS_URL is not set: the Jest global setup starts Redis');
  return url;
};

/** The partitions the contract's session ids use (sess-0-…, sess-9-…). */
const PARTITIONS = [0, 9];
const POLL_MS = 5;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The contract's view of distributed mode: a gateway-side `BullMqTaskQueue` and one
 * `ToolRunnerWorker` in the test process, on the real Redis, with a fresh prefix per queue.
 *
 * The contract's `queue` is the deployment: closing it closes the runner with the grace period
 * (that is where bodies run), lets the gateway fold what the runner wrote, then closes the gateway.
 *
 * `idle` polls until nothing moves without time passing: no job waits to be taken, every active
 * job is a body still running in the runner (a failed attempt has been moved to `delayed`), and
 * the gateway has handed every inbox entry to the handler (or holds one in it).
 */
export const bullMqHarness: TaskQueueHarness = {
  capabilities: { updateAwaitsFold: false, durable: true },
  async create({ resolveTool, hooks, retryBackoffMs, reportRetryMs }) {
    const prefix = testKeyPrefix('bullmq-contract');
    const connection = redisUrl();
    const keys = new AsideKeys(prefix);
    const runner = new ToolRunnerWorker({
      connection,
      prefix,
      resolveTool,
      ...(hooks ? { hooks } : {}),
      concurrency: 20,
      lockDurationMs: 5_000,
      stalledIntervalMs: 5_000,
      retryBackoff: { initialMs: retryBackoffMs, maxMs: retryBackoffMs },
      closeDeadlineMs: 2_000,
    });
    await runner.start();
    const gateway = new BullMqTaskQueue({
      connection,
      prefix,
      partitions: PARTITIONS,
      blockMs: 100,
      reclaimIdleMs: 1_000,
      redeliveryDelayMs: reportRetryMs,
      closeDeadlineMs: 1_000,
    });
    const inspector = new Queue(DEFAULT_QUEUE_NAME, { connection: redisOptionsOf(connection), prefix });
    const redis = new Redis(connection);
    let gatewayClosed = false;

    const quiet = async (): Promise<boolean> => {
      const counts = await inspector.getJobCounts('active', 'wait', 'prioritized');
      if ((counts['wait'] ?? 0) > 0 || (counts['prioritized'] ?? 0) > 0) return false;
      if ((counts['active'] ?? 0) !== runner.attemptsInBody) return false;
      return gatewayClosed || gateway.inboxCaughtUp();
    };
    const idle = async (): Promise<void> => {
      // Twice in a row: a job between two states (fetched, not yet running) is seen on the next poll.
      for (let calm = 0; calm < 2; ) {
        calm = (await quiet()) ? calm + 1 : 0;
        await sleep(POLL_MS);
      }
    };

    let closing: Promise<void> | undefined;
    const closeAll = (graceMs = 0): Promise<void> => {
      closing ??= (async () => {
        await runner.close(graceMs);
        for (let tries = 0; tries < 200 && !(await gateway.inboxCaughtUp().catch(() => true)); tries += 1) await sleep(POLL_MS);
        gatewayClosed = true;
        await gateway.close();
      })();
      return closing;
    };
    const queue: TaskQueue = {
      start: (handler) => gateway.start(handler),
      enqueue: (job) => gateway.enqueue(job),
      cancel: (taskId) => gateway.cancel(taskId),
      close: (graceMs) => closeAll(graceMs),
    };
    return {
      queue,
      idle,
      async writtenReports(taskId: string): Promise<TaskReportMessage[]> {
        const written: TaskReportMessage[] = [];
        for (const partition of PARTITIONS) {
          for (const [, fields] of await redis.xrange(keys.inbox(partition), '-', '+')) {
            const message = taskReportMessageSchema.parse(JSON.parse(fields[1]!));
            if (message.taskId === taskId) written.push(message);
          }
        }
        return written;
      },
      async close() {
        await closeAll(0);
        await inspector.close();
        await redis.quit();
      },
    };
  },
};
