import { afterEach } from '@jest/globals';
import type { AnyToolDefinition } from '@aside/domain';
import type { GatewayToolHooks, TaskQueue, ToolResolver } from '../../../src/index.js';
import { line, ReportLog } from './report-log.js';
import type { HarnessedTaskQueue, TaskQueueCapabilities, TaskQueueHarness } from './task-queue-harness.js';

/** Between attempts, unless a test asks for a task that waits for its retry. */
export const RETRY_BACKOFF_MS = 5;
/** Long enough that a task which failed is still waiting for its retry when the test ends. */
export const WAITS_FOR_RETRY_MS = 60_000;
const REPORT_RETRY_MS = 2;
/**
 * How early a timer may seem to fire against performance.now(): Node measures its delay from
 * the loop's clock, read at the start of the tick.
 */
export const TIMER_SLACK_MS = 5;

export interface QueueSetup {
  readonly hooks?: GatewayToolHooks;
  readonly retryBackoffMs?: number;
  /** Replaces resolving the tools by name. */
  readonly resolveTool?: ToolResolver;
}

export interface StartedQueue {
  readonly queue: TaskQueue;
  readonly log: ReportLog;
  /** The harness's `idle`: the queue caught up with everything it can do on its own. */
  idle(): Promise<void>;
  /** The harness's `writtenReports`, as lines (only where `updateAwaitsFold` is false). */
  writtenLines(taskId: string): Promise<string[]>;
}

/** Starts queues for a contract test, each with its own report log; all are closed after each test. */
export interface ContractQueues {
  readonly capabilities: TaskQueueCapabilities;
  start(tools: readonly AnyToolDefinition[], setup?: QueueSetup): Promise<StartedQueue>;
}

/** Call inside a describe: registers the afterEach that closes every queue the test started. */
export function contractQueues(harness: TaskQueueHarness): ContractQueues {
  const open: HarnessedTaskQueue[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((created) => created.close()));
  });
  return {
    capabilities: harness.capabilities,
    async start(tools, setup = {}) {
      const created = await harness.create({
        resolveTool: setup.resolveTool ?? ((job) => tools.find((candidate) => candidate.name === job.toolName)),
        hooks: setup.hooks,
        retryBackoffMs: setup.retryBackoffMs ?? RETRY_BACKOFF_MS,
        reportRetryMs: REPORT_RETRY_MS,
      });
      open.push(created);
      const log = new ReportLog();
      await created.queue.start(log.handler);
      const writtenLines = async (taskId: string): Promise<string[]> => {
        if (created.writtenReports === undefined) throw new Error('This harness has no writtenReports (needed when updateAwaitsFold is false)');
        return (await created.writtenReports(taskId)).map(line);
      };
      return { queue: created.queue, log, idle: () => created.idle(), writtenLines };
    },
  };
}
