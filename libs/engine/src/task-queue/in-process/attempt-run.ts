import { ToolError, type AnyToolDefinition, type ToolLogger } from '@aside/domain';
import type { GatewayToolHooks, TaskJob } from '../task-queue.js';
import { timeoutReason } from './abort-reasons.js';
import type { AttemptReporter } from './attempt-reporter.js';
import { errorFields, errorMessage } from './error-detail.js';
import { buildToolContext } from './tool-context.js';

/** How one attempt ended; the task run decides whether that ends the task. */
export type AttemptOutcome =
  | { readonly kind: 'returned'; readonly value: unknown }
  | { readonly kind: 'tool_error' | 'internal' | 'timeout' | 'cancelled'; readonly message: string };

export interface AttemptInput {
  readonly job: TaskJob;
  readonly tool: AnyToolDefinition;
  readonly reporter: AttemptReporter;
  readonly hooks: GatewayToolHooks | undefined;
  /** Already carries the task's and the attempt's fields. */
  readonly logger: ToolLogger;
}

/**
 * One attempt of a task: reports `started`, runs the body with its own AbortSignal, and ends with
 * whichever comes first — the body settling, the per-attempt timeout, or an abort (cancel,
 * shutdown). The first one decides; the attempt is closed at that moment, so a body that ignores
 * its signal can neither report nor change the outcome afterwards.
 */
export class AttemptRun {
  readonly outcome: Promise<AttemptOutcome>;
  private readonly controller = new AbortController();
  private resolveOutcome: (outcome: AttemptOutcome) => void = () => undefined;
  private settled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly input: AttemptInput) {
    this.outcome = new Promise((resolve) => {
      this.resolveOutcome = resolve;
    });
  }

  start(): Promise<AttemptOutcome> {
    const { job, tool, reporter, hooks, logger } = this.input;
    // Queued before the body can call update(), so `started` is always seq 0 and folded first.
    void reporter.started();
    if (job.timeoutMs !== null) {
      const reason = timeoutReason(job.toolName, job.timeoutMs);
      this.timer = setTimeout(() => this.abort('timeout', reason), job.timeoutMs);
    }
    const ctx = buildToolContext({ job, reporter, signal: this.controller.signal, logger, hooks });
    // `then` rather than a direct call: a body that throws synchronously still becomes an outcome.
    Promise.resolve()
      .then(() => tool.execute(job.arguments, ctx))
      .then(
        (value: unknown) => this.settle({ kind: 'returned', value }),
        (error: unknown) => this.fail(error),
      );
    return this.outcome;
  }

  /** Ends the attempt now and aborts the body's signal; a no-op once the attempt ended. */
  abort(kind: 'timeout' | 'cancelled', reason: DOMException): void {
    if (this.settled) return;
    // Closed before the signal fires, so an abort listener that still reports is already fenced.
    this.settle({ kind, message: reason.message });
    if (kind === 'timeout') this.input.logger.warn('Tool attempt timed out', { timeoutMs: this.input.job.timeoutMs });
    this.controller.abort(reason);
  }

  private fail(error: unknown): void {
    if (this.settled) return; // e.g. the body noticed its aborted signal: the abort already decided
    if (error instanceof ToolError) {
      // An intentional message for the LLM (SEMANTICS.md §6): no stack in the log.
      this.settle({ kind: 'tool_error', message: error.message });
      return;
    }
    this.settle({ kind: 'internal', message: errorMessage(error) });
    this.input.logger.error('Tool body failed', errorFields(error));
  }

  private settle(outcome: AttemptOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.input.reporter.close();
    this.resolveOutcome(outcome);
  }
}
