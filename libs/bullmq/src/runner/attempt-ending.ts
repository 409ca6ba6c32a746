import { resultReport, type AttemptOutcome } from '@aside/engine';
import type { TaskReport } from '@aside/events';

export interface EndingContext {
  /** BullMQ would run another attempt after this one fails (attempts remain). */
  readonly retriesRemain: boolean;
  /** Why no further attempt may run: a cancel seen since the body ended, or the runner closing. */
  readonly interruption: DOMException | undefined;
}

/**
 * The report that ends the task after an attempt's outcome, or undefined when BullMQ should
 * retry it. The same rules as the in-process task run: a ToolError and a cancel are never
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
