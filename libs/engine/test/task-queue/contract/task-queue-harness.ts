import type { GatewayToolHooks, TaskQueue, TaskReportMessage, ToolResolver } from '../../../src/index.js';

/**
 * Where a remote adapter cannot keep a promise the in-process one keeps, the contract checks the
 * weaker rule that still matters instead — never skips. Each flag says which, and why.
 */
export interface TaskQueueCapabilities {
  /**
   * true: \`ctx.update\` resolves only after the handler folded the report (the body and the
   * fold share a process). false (a remote runner): it resolves once the report is durably
   * written where the gateway will fold it from (the runner cannot see the gateway's fold, and
   * must not wait for it: a gateway restart would stall every body). The harness then provides
   * \`writtenReports\` so the contract can check the report was durable when update resolved.
   */
  readonly updateAwaitsFold: boolean;
  /**
   * false (the in-process queue, which dies with its process): \`close\` ends every unfinished
   * task as cancelled — a body aborted after the grace period, a body that fails during it, a
   * task waiting for its retry. true (a durable queue): closing one runner must not end work the
   * deployment still owes, so those tasks are handed back to the queue for the next runner with
   * no terminal report (and no attempt burned); the contract checks they are neither run nor
   * ended by the close.
   */
  readonly durable: boolean;
}

/**
 * What the contract asks of an adapter's test setup. Tool bodies run in the test's own process
 * (a remote adapter's harness starts its runner in it), since the bodies share state with the
 * test; every created queue is isolated from the others (its own key prefix, say).
 */
export interface TaskQueueHarness {
  /** What the adapter can promise; the contract checks the strong rule or the remote one. */
  readonly capabilities: TaskQueueCapabilities;
  create(options: TaskQueueHarnessOptions): Promise<HarnessedTaskQueue>;
}

export interface TaskQueueHarnessOptions {
  /** Finds the body to run for a job (on the runner, for a remote adapter). */
  readonly resolveTool: ToolResolver;
  /** Undefined unless the test's bodies use `ctx.runTask` / `ctx.completeAgentTask`. */
  readonly hooks?: GatewayToolHooks;
  /**
   * The wait between a failed attempt and the next, every time (no growth needed): a few ms, or
   * a minute when the test wants a task to sit waiting for its retry.
   */
  readonly retryBackoffMs: number;
  /**
   * How soon a report the handler rejected is delivered again. The contract rejects one report
   * at most twice in a row; it must still be delivered, in order.
   */
  readonly reportRetryMs: number;
}

export interface HarnessedTaskQueue {
  /** Not started yet: the contract starts it with its own report handler. */
  readonly queue: TaskQueue;
  /**
   * Resolves once the queue caught up with everything it can do without time passing or the
   * test acting: every report produced so far was handed to the handler, and an attempt that
   * failed is handled (its task waits for the retry). It may be called while the handler holds
   * a report; it then resolves once the queue can do nothing more but wait for that fold. The
   * contract awaits it to reach a state the port does not signal, and before asserting that
   * something did not happen.
   */
  idle(): Promise<void>;
  /**
   * Required when \`updateAwaitsFold\` is false: the reports of a task durably written so far
   * (for BullMQ, the inbox stream), whether or not the handler folded them yet.
   */
  writtenReports?(taskId: string): Promise<TaskReportMessage[]>;
  /** After every test: closes the queue with no grace, even if the test already closed it, and releases the rest. */
  close(): Promise<void>;
}
