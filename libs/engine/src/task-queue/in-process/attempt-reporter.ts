import type { ToolLogger } from '@aside/domain';
import type { TaskReport } from '@aside/events';
import type { TaskReportMessage } from '../task-queue.js';

export interface AttemptKey {
  readonly taskId: string;
  readonly sessionId: string;
  /** 1-based. */
  readonly attempt: number;
}

/**
 * Numbers the reports of one attempt — `started` 0, progress 1..n, then the terminal one — and
 * fences the body: once the attempt is over (returned, failed, timed out, cancelled) whatever
 * the body still reports is dropped here. The keys agree: by then the domain has either a newer
 * attempt's `started` or a terminal report, and would discard it as well (DESIGN.md §3.5).
 */
export class AttemptReporter {
  private nextSeq = 0;
  private bodyOpen = true;

  constructor(
    private readonly key: AttemptKey,
    private readonly send: (message: TaskReportMessage) => Promise<void>,
    private readonly logger: ToolLogger,
  ) {}

  get attempt(): number {
    return this.key.attempt;
  }

  /** Whether the body may still act on the task's behalf. */
  get isOpen(): boolean {
    return this.bodyOpen;
  }

  started(): Promise<void> {
    return this.emit({ type: 'started' });
  }

  /** `ctx.update`: resolves once folded; a report from an attempt that is over resolves at once, unsent. */
  progress(message: string): Promise<void> {
    if (!this.bodyOpen) {
      this.logger.debug('Dropped an update from an attempt that is over', { attempt: this.key.attempt });
      return Promise.resolve();
    }
    return this.emit({ type: 'progress', message });
  }

  /** The attempt is over: the body can report nothing more. */
  close(): void {
    this.bodyOpen = false;
  }

  /** The task's last report, numbered after everything this attempt already reported. */
  terminal(report: TaskReport): Promise<void> {
    this.bodyOpen = false;
    return this.emit(report);
  }

  private emit(report: TaskReport): Promise<void> {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    return this.send({ taskId: this.key.taskId, sessionId: this.key.sessionId, attempt: this.key.attempt, seq, report });
  }
}
