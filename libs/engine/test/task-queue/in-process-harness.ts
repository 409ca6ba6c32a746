import type { AnyToolDefinition, LogFields, ToolLogger } from '@aside/domain';
import { InProcessTaskQueue, type InProcessTaskQueueOptions } from '../../src/index.js';
import { ReportLog } from './contract/report-log.js';
import type { TaskQueueHarness } from './contract/task-queue.contract.js';

/** One turn of the event loop: every promise chain that needs no timer has run by then. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The contract's view of the in-process queue. `idle` is one turn of the event loop: the queue
 * moves on promise chains alone — a report reaches the handler, a failed attempt is handled —
 * and only a retry's backoff or a report's redelivery wait for a timer, which is time passing.
 */
export const inProcessHarness: TaskQueueHarness = {
  // The strong rules: bodies, queue and fold share one process and die together.
  capabilities: { updateAwaitsFold: true, durable: false },
  async create({ resolveTool, hooks, retryBackoffMs, reportRetryMs }) {
    const queue = new InProcessTaskQueue({
      resolveTool,
      hooks,
      retryBackoff: { initialMs: retryBackoffMs, maxMs: retryBackoffMs },
      reportDelivery: { attempts: 5, backoff: { initialMs: reportRetryMs, maxMs: reportRetryMs } },
    });
    return { queue, idle: nextTurn, close: () => queue.close(0) };
  },
};

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: LogFields;
}

export function recordingLogger(): ToolLogger & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, fields: LogFields = {}) => {
    lines.push({ level, message, fields });
  };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const openQueues: InProcessTaskQueue[] = [];

/**
 * For the in-process queue's own specs (its options: concurrency, backoff, report delivery,
 * logger): a started queue that resolves tools by name; `closeQueues` shuts every one down.
 */
export async function startQueue(
  tools: readonly AnyToolDefinition[],
  options: Partial<InProcessTaskQueueOptions> = {},
): Promise<{ readonly queue: InProcessTaskQueue; readonly log: ReportLog }> {
  const log = new ReportLog();
  const queue = new InProcessTaskQueue({
    resolveTool: (job) => tools.find((candidate) => candidate.name === job.toolName),
    retryBackoff: { initialMs: 1, maxMs: 1 },
    reportDelivery: { attempts: 3, backoff: { initialMs: 1, maxMs: 1 } },
    ...options,
  });
  await queue.start(log.handler);
  openQueues.push(queue);
  return { queue, log };
}

export async function closeQueues(): Promise<void> {
  await Promise.all(openQueues.splice(0).map((queue) => queue.close(0)));
}
