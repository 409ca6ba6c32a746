import { tool, type AnyToolDefinition, type LogFields, type ToolContext, type ToolLogger } from '@aside/domain';
import { z } from 'zod';
import { InProcessTaskQueue, type InProcessTaskQueueOptions, type ReportHandler, type TaskJob, type TaskReportMessage } from '../../src/index.js';

/** A promise the test settles. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A real tool() definition around a test body. */
export function testTool(
  name: string,
  execute: (args: Record<string, unknown>, ctx: ToolContext) => unknown,
  options: { readonly timeoutMs?: number; readonly retries?: number } = {},
): AnyToolDefinition {
  return tool({ name, description: `test tool ${name}`, parameters: z.object({}).passthrough(), execute, ...options });
}

let jobCount = 0;

/** A job for `definition`, carrying the tool's own timeout and retries like the gateway does. */
export function jobFor(definition: AnyToolDefinition, overrides: Partial<TaskJob> = {}): TaskJob {
  jobCount += 1;
  return {
    contractVersion: 1,
    taskId: `s1-call${jobCount}`,
    sessionId: 's1',
    callId: `call${jobCount}`,
    activityId: 'a1',
    agent: 'assistant',
    toolName: definition.name,
    toolsetId: null,
    arguments: {},
    timeoutMs: definition.timeoutMs,
    retries: definition.retries,
    ...overrides,
  };
}

export function isTerminal(message: TaskReportMessage): boolean {
  return message.report.type === 'succeeded' || message.report.type === 'failed';
}

/** `attempt/seq type detail`: one line per folded report, easy to compare whole. */
export function line(message: TaskReportMessage): string {
  const { report } = message;
  const key = `${message.attempt}/${message.seq} ${report.type}`;
  switch (report.type) {
    case 'started':
      return key;
    case 'progress':
      return `${key} ${report.message}`;
    case 'succeeded':
      return report.handoff === null ? `${key} ${report.result}` : `${key} ${report.result} handoff=${report.handoff}`;
    case 'failed':
      return `${key} ${report.kind}: ${report.message}`;
  }
}

/**
 * The fold path as a test sees it: records every report it folded, lets a test await a given
 * report instead of sleeping, and can hold or reject a report before it counts as folded.
 */
export class ReportLog {
  readonly folded: TaskReportMessage[] = [];
  /** Runs before a report is folded: return a promise to hold it, throw to reject it. */
  beforeFold: (message: TaskReportMessage) => Promise<void> | void = () => undefined;
  private waiters: { readonly matches: (message: TaskReportMessage) => boolean; readonly resolve: (message: TaskReportMessage) => void }[] = [];

  readonly handler: ReportHandler = async (message) => {
    await this.beforeFold(message);
    this.folded.push(message);
    for (const waiter of this.waiters.filter((candidate) => candidate.matches(message))) waiter.resolve(message);
    this.waiters = this.waiters.filter((candidate) => !candidate.matches(message));
  };

  waitFor(matches: (message: TaskReportMessage) => boolean): Promise<TaskReportMessage> {
    const known = this.folded.find(matches);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }

  terminal(taskId: string): Promise<TaskReportMessage> {
    return this.waitFor((message) => message.taskId === taskId && isTerminal(message));
  }

  report(taskId: string, type: TaskReportMessage['report']['type'], attempt = 1): Promise<TaskReportMessage> {
    return this.waitFor((message) => message.taskId === taskId && message.report.type === type && message.attempt === attempt);
  }

  lines(taskId: string): string[] {
    return this.folded.filter((message) => message.taskId === taskId).map(line);
  }
}

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

/** A started queue that resolves tools by name from `tools`; `closeQueues` shuts every one down. */
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
