import type { TaskDefinition } from './task.js';

export type LogFields = Readonly<Record<string, unknown>>;

export interface ToolLogger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * What a tool body receives beside its arguments (DESIGN.md §3 step 3). The shell that runs the
 * body implements it; the domain only names the contract.
 */
export interface ToolContext {
  /**
   * Reports progress. The first call makes the tool asynchronous: it resolves the original call
   * with the update and releases the turn (SEMANTICS.md §1).
   */
  update(message: string): Promise<void>;
  /** Aborted when the task is cancelled, times out, or its owner closes. */
  readonly signal: AbortSignal;
  /** 1 on the first run; grows with every retry or crash recovery. */
  readonly attempt: number;
  /** Stable across attempts, for the tool's own side effects (payments, emails…). */
  readonly idempotencyKey: string;
  readonly taskId: string;
  readonly sessionId: string;
  /** The LLM's id of the original call. */
  readonly callId: string;
  readonly logger: ToolLogger;
  /**
   * Runs an agent task (e.g. collecting an email) and resolves with its typed result. Present
   * only where the body runs inside the gateway, since a task needs the live conversation.
   */
  runTask?<Result>(task: TaskDefinition<Result>): Promise<Result>;
  /**
   * Hands an agent task's result back to the activity that ran it. Present only for the
   * `complete_task` tool the registry gives every agent task.
   */
  completeAgentTask?(result: unknown): Promise<void>;
}
