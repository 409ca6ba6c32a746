import { parseSessionId, type TaskReportMessage } from '@aside/events';
import type { Redis } from 'ioredis';
import { MARKER_TTL_SECONDS, type AsideKeys } from './aside-keys.js';
import { scripts } from './lua-script.js';

/** What a report write answers. */
export interface ReportWritten {
  readonly entryId: string;
  /** The task's cancel flag is set: the attempt must end as cancelled. */
  readonly cancelRequested: boolean;
}

/**
 * Writes reports to the inbox of the session's partition through `write-report.lua`. Used by
 * the runner for every report, and by the gateway for the one report no runner will write (a
 * task cancelled while it waited). Idempotent for the reader: the report key
 * taskId/attempt/seq makes a second copy a no-op in the fold.
 */
export class ReportWriter {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AsideKeys,
  ) {}

  async write(message: TaskReportMessage): Promise<ReportWritten> {
    const partition = parseSessionId(message.sessionId)?.partition;
    if (partition === undefined) throw new Error(`Cannot route a report of session ${message.sessionId}: not a session id`);
    const reply = (await scripts.writeReport.run(
      this.redis,
      [this.keys.inbox(partition), this.keys.cancelFlag(partition, message.taskId), this.keys.lastReport(partition, message.taskId)],
      [JSON.stringify(message), message.attempt, message.seq, MARKER_TTL_SECONDS, message.report.type === 'succeeded' || message.report.type === 'failed' ? 1 : 0],
    )) as [string, number];
    return { entryId: reply[0], cancelRequested: reply[1] === 1 };
  }

  /** The newest report written for the task, if any (as remembered by `write-report.lua`). */
  async lastWritten(sessionId: string, taskId: string): Promise<LastReport | undefined> {
    const partition = parseSessionId(sessionId)?.partition;
    if (partition === undefined) return undefined;
    const value = await this.redis.get(this.keys.lastReport(partition, taskId));
    const match = value === null ? null : /^(\d+) (\d+)(?: ([01]))?$/.exec(value);
    if (match === null) return undefined;
    return { attempt: Number(match[1]), seq: Number(match[2]), terminal: match[3] === '1' };
  }
}

export interface LastReport {
  readonly attempt: number;
  readonly seq: number;
  /** A succeeded or failed report was written: the task's outcome is on its way to the gateway. */
  readonly terminal: boolean;
}
