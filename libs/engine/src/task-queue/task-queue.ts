import type { TaskJob, TaskReportMessage } from '@aside/events';
import type { AnyToolDefinition, TaskDefinition } from '@aside/domain';

/**
 * The task-queue port (DESIGN.md §3): where tool bodies run. The in-process adapter runs them in
 * the gateway (embedded mode); the BullMQ adapter runs them on tool runners. Both report through
 * the same fold path: every report reaches the gateway's `ReportHandler`, which folds it into
 * the session exactly once (the domain fences stale ones).
 */

/**
 * The job and the report message are the versioned contract between the gateway and the
 * runners (zod schemas in @aside/events, checked wherever they cross a process boundary).
 */
export type { TaskJob, TaskReportMessage } from '@aside/events';

/**
 * Folds a report. It resolves once the fold is committed (the queue may acknowledge the
 * report then) and rejects when it could not be (the queue must deliver it again).
 */
export type ReportHandler = (message: TaskReportMessage) => Promise<void>;

/** How a body that runs in the gateway reaches back into its session. */
export interface GatewayToolHooks {
  /** Runs an agent task (e.g. collect an email) on behalf of the task and resolves with its typed result. */
  runAgentTask(job: TaskJob, task: TaskDefinition<unknown>): Promise<unknown>;
  /** The `complete_task` tool of an agent task hands its result back (the job's activity is the task's). */
  completeAgentTask(job: TaskJob, result: unknown): Promise<void>;
}

/** Finds the body to run for a job: the registry's definition, or a mock that replaces it. */
export type ToolResolver = (job: TaskJob) => AnyToolDefinition | undefined;

/** A queue's part of `/readyz`: `detail` is 'ok' when ready, else what is wrong (no hosts, no secrets). */
export interface TaskQueueReadiness {
  readonly ready: boolean;
  readonly detail: string;
}

export interface TaskQueue {
  /** Starts delivering reports to the handler. Called once, before the first enqueue. */
  start(handler: ReportHandler): Promise<void>;
  /** Idempotent by taskId: enqueueing a task twice runs it once. */
  enqueue(job: TaskJob): Promise<void>;
  /**
   * Cancels a task wherever it is: a waiting job is removed, a running body sees its signal
   * abort. A cancelled task is never retried. Unknown or finished tasks are ignored.
   */
  cancel(taskId: string): Promise<void>;
  /**
   * Distributed mode: starts folding the reports of a partition this gateway now owns (its
   * inbox), and stops when it lets the partition go. A queue whose reports come straight from
   * its own process has no partitions and leaves these out.
   */
  attachPartition?(partition: number): Promise<void>;
  detachPartition?(partition: number): Promise<void>;
  /**
   * Distributed mode: whether the queue can take work and fold reports now — its connections
   * are up and every inbox consumer it runs is attached and connected. Answers at once (never
   * waits on a Redis that is gone). A queue with nothing remote to check leaves it out.
   */
  readiness?(): Promise<TaskQueueReadiness>;
  /** Stops taking work; running bodies are aborted after the grace period. */
  close(graceMs?: number): Promise<void>;
}
