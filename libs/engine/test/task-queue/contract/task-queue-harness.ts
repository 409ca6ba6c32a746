import type { GatewayToolHooks, TaskQueue, ToolResolver } from '../../../src/index.js';

/**
 * What the contract asks of an adapter's test setup. Tool bodies run in the test's own process
 * (a remote adapter's harness starts its runner in it), since the bodies share state with the
 * test; every created queue is isolated from the others (its own key prefix, say).
 */
export interface TaskQueueHarness {
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
  /** After every test: closes the queue with no grace, even if the test already closed it, and releases the rest. */
  close(): Promise<void>;
}
