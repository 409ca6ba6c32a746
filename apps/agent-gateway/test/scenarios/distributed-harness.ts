import { setTimeout as sleep } from 'node:timers/promises';
import { runningTasks, type SessionState } from '@aside/domain';
import { ToolRunnerWorker, type BullMqTaskQueue } from '@aside/bullmq';
import { Gateway, type ReportHandler, type TaskQueue } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { distributedAdapters } from '@aside/nest';
import { testKeyPrefix } from '@aside/testing';
import { scenarioRegistry } from './scenario-agents.js';
import type { HarnessFactory } from './scenario-harness.js';
import { TrackedUpdates } from './tracked-updates.js';

/** Sessions land on partition 0 or 1, so the gateway must consume both inboxes. */
const PARTITIONS = 2;
const POLL_MS = 5;

function redisUrl(): string {
  const url = process.env['REDIS_URL'];
  if (!url) throw new Error('REDIS_URL is not set: the Jest global setup starts Redis');
  return url;
}

/**
 * Distributed mode: the gateway on the Redis event store and the BullMQ task queue, wired by
 * the module's own `distributedAdapters`, on a fresh key prefix; one `ToolRunnerWorker` in the
 * test process takes the jobs and resolves tools with the gateway's resolver and hooks, so
 * mocks, gates a test opens, and agent tasks all work. Timings are short.
 */
export const distributed: HarnessFactory = async (script) => {
  const connection = redisUrl();
  const prefix = testKeyPrefix('gateway-scenarios');
  const llm = new ScriptedLlm([...script]);
  const updates = new TrackedUpdates();
  const adapters = distributedAdapters(
    {
      connection,
      prefix,
      partitions: PARTITIONS,
      subscriptionHeartbeatMs: 200,
      queue: { blockMs: 100, reclaimIdleMs: 1_000, redeliveryDelayMs: 10, closeDeadlineMs: 1_000 },
    },
    'scenario-gateway',
  );
  let runner!: ToolRunnerWorker;
  let queue!: FoldCounting;
  const gateway = await Gateway.start({
    store: adapters.store,
    registry: scenarioRegistry(),
    llm,
    ownership: adapters.ownership,
    taskQueue: (dependencies) => {
      runner = new ToolRunnerWorker({
        connection,
        prefix,
        resolveTool: (job) => updates.track(dependencies.resolveTool(job)),
        hooks: dependencies.hooks,
        concurrency: 20,
        lockDurationMs: 5_000,
        stalledIntervalMs: 5_000,
        retryBackoff: { initialMs: 5, maxMs: 5 },
        closeDeadlineMs: 1_000,
      });
      queue = new FoldCounting(adapters.runnerQueue(dependencies));
      return queue;
    },
  });
  await runner.start();

  /**
   * Calm when nothing moves without the test acting: every live task's `started` is folded and
   * its body is parked in the runner (not between its end and its terminal report), no update
   * is on its way to the inbox, the inbox is read up to its end and no fold is running. Checked
   * upstream first (runner, then inbox, then fold) against a state read before, and accepted
   * only if the log did not move meanwhile.
   */
  const calm = async (state: SessionState): Promise<boolean> => {
    const live = runningTasks(state);
    if (updates.inFlight > 0) return false;
    if (live.some((task) => task.status !== 'running') || live.length !== runner.attemptsInBody) return false;
    return (await queue.inner.inboxCaughtUp()) && queue.folding === 0;
  };

  let closing: Promise<void> | undefined;
  return {
    api: gateway,
    gateway,
    llm,
    async whenQuiet(sessionId, options = {}) {
      for (;;) {
        await gateway.whenQuiet(sessionId, options);
        const { state, position } = await gateway.engine.snapshot(sessionId);
        if ((await calm(state)) && (await gateway.engine.snapshot(sessionId)).position === position) return state;
        await sleep(POLL_MS);
      }
    },
    close() {
      closing ??= (async () => {
        await runner.close(0); // parked bodies are aborted: nothing waits for a gate no test opens
        await gateway.close({ graceMs: 0 });
        await adapters.close();
      })();
      return closing;
    },
  };
};

/** The BullMQ queue, counting the folds in progress (a fold is the last hop of a report). */
class FoldCounting implements TaskQueue {
  folding = 0;

  constructor(readonly inner: BullMqTaskQueue) {}

  start(handler: ReportHandler): Promise<void> {
    return this.inner.start(async (message) => {
      this.folding += 1;
      try {
        await handler(message);
      } finally {
        this.folding -= 1;
      }
    });
  }

  attachPartition: NonNullable<TaskQueue['attachPartition']> = (partition) => this.inner.attachPartition(partition);
  detachPartition: NonNullable<TaskQueue['detachPartition']> = (partition) => this.inner.detachPartition(partition);
  enqueue: TaskQueue['enqueue'] = (job) => this.inner.enqueue(job);
  cancel: TaskQueue['cancel'] = (taskId) => this.inner.cancel(taskId);
  close: TaskQueue['close'] = (graceMs) => this.inner.close(graceMs);
}
