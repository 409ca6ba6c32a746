import type { AnyToolDefinition } from '@aside/domain';
import { eventually as sharedEventually, testKeyPrefix } from '@aside/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { ReportLog } from '@aside/engine/task-queue-contract';
import { redisOptionsOf } from '../../src/redis/redis-connection.js';
import {
  AsideKeys,
  BullMqTaskQueue,
  DEFAULT_QUEUE_NAME,
  ToolRunnerWorker,
  type BullMqTaskQueueOptions,
  type ToolRunnerWorkerOptions,
} from '../../src/index.js';
import { redisUrl } from './bullmq-harness.js';

/** Polls `check` until it holds (tests wait for a state, with a bound, never for a while). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 4_000): Promise<void> {
  await sharedEventually('the expected state', check, { timeoutMs });
}

/** A gateway and runners on one fresh prefix, for the feature specs; `close` releases everything. */
export class Distributed {
  readonly prefix = testKeyPrefix('bullmq-feature');
  readonly keys = new AsideKeys(this.prefix);
  readonly redis = new Redis(redisUrl());
  /** Adds raw jobs, bypassing the gateway's validation. */
  readonly rawQueue = new Queue(DEFAULT_QUEUE_NAME, { connection: redisOptionsOf(redisUrl()), prefix: this.prefix });
  private readonly closers: (() => Promise<void>)[] = [];

  async gateway(options: Partial<BullMqTaskQueueOptions> = {}, log = new ReportLog()): Promise<{ readonly queue: BullMqTaskQueue; readonly log: ReportLog }> {
    const queue = new BullMqTaskQueue({ connection: redisUrl(), prefix: this.prefix, blockMs: 100, redeliveryDelayMs: 10, closeDeadlineMs: 1_000, ...options });
    this.closers.push(() => queue.close());
    await queue.start(log.handler);
    return { queue, log };
  }

  async runner(tools: readonly AnyToolDefinition[], options: Partial<ToolRunnerWorkerOptions> = {}): Promise<ToolRunnerWorker> {
    const runner = new ToolRunnerWorker({
      connection: redisUrl(),
      prefix: this.prefix,
      resolveTool: (job) => tools.find((candidate) => candidate.name === job.toolName),
      retryBackoff: { initialMs: 5, maxMs: 5 },
      closeDeadlineMs: 1_000,
      ...options,
    });
    this.closers.unshift(() => runner.close(0));
    await runner.start();
    return runner;
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close();
    await this.rawQueue.close();
    await this.redis.quit();
  }
}
