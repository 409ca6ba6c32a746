import type { TaskDefinition, ToolContext, ToolLogger } from '@aside/domain';
import type { GatewayToolHooks, TaskJob } from '../task-queue.js';
import type { AttemptReporter } from './attempt-reporter.js';
import { idempotencyKeyOf } from './idempotency-key.js';

export interface ToolContextInput {
  readonly job: TaskJob;
  readonly reporter: AttemptReporter;
  readonly signal: AbortSignal;
  readonly logger: ToolLogger;
  readonly hooks: GatewayToolHooks | undefined;
}

/** What one attempt's body receives beside its arguments (DESIGN.md §3 step 3). */
export function buildToolContext(input: ToolContextInput): ToolContext {
  const { job, reporter, signal, hooks } = input;
  return {
    update: (message: string) => reporter.progress(String(message)),
    signal,
    attempt: reporter.attempt,
    idempotencyKey: idempotencyKeyOf(job.taskId),
    taskId: job.taskId,
    sessionId: job.sessionId,
    callId: job.callId,
    logger: input.logger,
    runTask<Result>(task: TaskDefinition<Result>): Promise<Result> {
      if (hooks === undefined) {
        return Promise.reject(
          new Error(`ctx.runTask is unavailable for tool \`${job.toolName}\`: agent tasks need the live conversation, and this task queue was given no gateway hooks`),
        );
      }
      // A body whose attempt is over must not start a conversation on the task's behalf.
      if (!reporter.isOpen) return Promise.reject(signal.reason ?? new Error(`The attempt of task ${job.taskId} is over`));
      return hooks.runAgentTask(job, task as TaskDefinition<unknown>) as Promise<Result>;
    },
    completeAgentTask(result: unknown): Promise<void> {
      if (hooks === undefined) return Promise.reject(new Error('Completing an agent task needs the gateway: this task queue was given no gateway hooks'));
      if (!reporter.isOpen) return Promise.reject(signal.reason ?? new Error(`The attempt of task ${job.taskId} is over`));
      return hooks.completeAgentTask(job, result);
    },
  };
}
