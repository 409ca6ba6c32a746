import type { AttemptOutcome } from './in-process/attempt-run.js';
import { resultReport } from './in-process/result-report.js';
import type { TaskReport } from '@aside/events';

export interface EndingContext {
  /** Another attempt would run after this one fails (attempts remain). */
  readonly retriesRemain: boolean;
  /** Why no further attempt may run: a cancel seen since the body ended, or the runner closing. */
  readonly interruption: DOMException | undefined;
}

/**
 * The report that ends the task after an attempt's outcome, or undefined to retry it — one rule
 * for every adapter: a ToolError (a message for the LLM) and a cancel (a decision) are never
 * retried; an internal error or a timeout is, while attempts remain, and reports nothing
 * terminal then (the next attempt's `started` supersedes it).
 */
export function terminalReportFor(outcome: AttemptOutcome, context: EndingContext): TaskReport | undefined {
  switch (outcome.kind) {
    case 'returned':
      return resultReport(outcome.value);
    case 'tool_error':
    case 'cancelled':
      return { type: 'failed', kind: outcome.kind, message: outcome.message };
    case 'internal':
    case 'timeout':
      if (!context.retriesRemain) return { type: 'failed', kind: outcome.kind, message: outcome.message };
      // A retry that a cancel or the shutdown forbids ends the task as cancelled.
      if (context.interruption) return { type: 'failed', kind: 'cancelled', message: context.interruption.message };
      return undefined;
  }
}
