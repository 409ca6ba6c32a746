import type { ReportHandler, TaskReportMessage } from '@aside/engine';
import type { TaskReport } from '@aside/events';
import { nowNs, type FromRunner } from './cancel-runner-protocol.js';
import { settable, type Settable } from './settable.js';

/** What the bench knows about one task: when it ran, was cancelled, aborted and ended. */
export interface TaskTimeline {
  /** Its `progress` report was folded: the body is inside its wait. */
  readonly running: Settable<void>;
  /** Its terminal report was folded. */
  readonly ended: Settable<TaskReport>;
  /** Its body saw the signal abort (the runner said so). */
  readonly aborted: Settable<void>;
  cancelAtNs?: bigint;
  abortAtNs?: bigint;
  endedAtNs?: bigint;
}

/**
 * The gateway's report handler for the bench: it stands in for the session fold (which would
 * commit to the event store) and only timestamps, so "folded" here means "handed to the
 * ReportHandler by the inbox consumer" — the queue's share of a cancel, not the store's.
 */
export class CancelTracker {
  private readonly tasks = new Map<string, TaskTimeline>();

  readonly handler: ReportHandler = async (message: TaskReportMessage) => {
    const timeline = this.tasks.get(message.taskId);
    if (timeline === undefined) return;
    const { report } = message;
    if (report.type === 'progress') timeline.running.resolve();
    if (report.type === 'succeeded' || report.type === 'failed') {
      timeline.endedAtNs ??= nowNs();
      timeline.ended.resolve(report);
    }
  };

  expect(taskId: string): TaskTimeline {
    const timeline: TaskTimeline = { running: settable(), ended: settable(), aborted: settable() };
    this.tasks.set(taskId, timeline);
    return timeline;
  }

  forget(taskId: string): void {
    this.tasks.delete(taskId);
  }

  /** The runner's word that a body aborted, with the runner's own timestamp. */
  onRunnerMessage(message: FromRunner): void {
    if (message.type !== 'aborted') return;
    const timeline = this.tasks.get(message.taskId);
    if (timeline === undefined) return;
    timeline.abortAtNs ??= BigInt(message.atNs);
    timeline.aborted.resolve();
  }
}
