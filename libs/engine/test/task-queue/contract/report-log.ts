import type { ReportHandler, TaskReportMessage } from '../../../src/index.js';

export function isTerminal(message: TaskReportMessage): boolean {
  return message.report.type === 'succeeded' || message.report.type === 'failed';
}

/** `attempt/seq type detail`: one line per folded report, easy to compare whole. */
export function line(message: TaskReportMessage): string {
  const { report } = message;
  const key = `${message.attempt}/${message.seq} ${report.type}`;
  switch (report.type) {
    case 'started':
      return key;
    case 'progress':
      return `${key} ${report.message}`;
    case 'succeeded':
      return report.handoff === null ? `${key} ${report.result}` : `${key} ${report.result} handoff=${report.handoff}`;
    case 'failed':
      return `${key} ${report.kind}: ${report.message}`;
  }
}

/**
 * The fold path as a test sees it: records every report it folded, lets a test await a given
 * report instead of sleeping, and can hold or reject a report before it counts as folded.
 */
export class ReportLog {
  readonly folded: TaskReportMessage[] = [];
  /** Runs before a report is folded: return a promise to hold it, throw to reject it. */
  beforeFold: (message: TaskReportMessage) => Promise<void> | void = () => undefined;
  private waiters: { readonly matches: (message: TaskReportMessage) => boolean; readonly resolve: (message: TaskReportMessage) => void }[] = [];

  readonly handler: ReportHandler = async (message) => {
    await this.beforeFold(message);
    this.folded.push(message);
    for (const waiter of this.waiters.filter((candidate) => candidate.matches(message))) waiter.resolve(message);
    this.waiters = this.waiters.filter((candidate) => !candidate.matches(message));
  };

  waitFor(matches: (message: TaskReportMessage) => boolean): Promise<TaskReportMessage> {
    const known = this.folded.find(matches);
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }

  terminal(taskId: string): Promise<TaskReportMessage> {
    return this.waitFor((message) => message.taskId === taskId && isTerminal(message));
  }

  report(taskId: string, type: TaskReportMessage['report']['type'], attempt = 1): Promise<TaskReportMessage> {
    return this.waitFor((message) => message.taskId === taskId && message.report.type === type && message.attempt === attempt);
  }

  lines(taskId: string): string[] {
    return this.folded.filter((message) => message.taskId === taskId).map(line);
  }
}
