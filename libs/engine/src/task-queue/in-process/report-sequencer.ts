import type { ToolLogger } from '@aside/domain';
import type { ReportHandler, TaskReportMessage } from '../task-queue.js';
import { backoffDelayMs, type BackoffSettings } from './backoff.js';
import { errorMessage } from './error-detail.js';
import { delay } from './wait.js';

export interface ReportDeliverySettings {
  /** Tries per report, the first included, before it is logged and dropped. */
  readonly attempts: number;
  readonly backoff: BackoffSettings;
}

/**
 * Hands one task's reports to the handler strictly in order, one at a time: the next report
 * waits until the handler resolved (folded) the previous one. A rejection means the fold path
 * is momentarily unavailable, so the same report is tried again with backoff; after
 * `attempts` tries it is logged and dropped so a broken handler cannot wedge the task's line.
 * Different tasks have different sequencers, so their reports interleave.
 */
export class ReportSequencer {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly handler: ReportHandler,
    private readonly settings: ReportDeliverySettings,
    private readonly logger: ToolLogger,
  ) {}

  /** Resolves once the report was folded, or dropped after its last try; never rejects. */
  send(message: TaskReportMessage): Promise<void> {
    const delivered = this.tail.then(() => this.deliver(message));
    this.tail = delivered;
    return delivered;
  }

  /** Resolves when every report sent so far was delivered or dropped. */
  drained(): Promise<void> {
    return this.tail;
  }

  private async deliver(message: TaskReportMessage): Promise<void> {
    const key = { attempt: message.attempt, seq: message.seq, report: message.report.type };
    for (let tries = 1; ; tries += 1) {
      try {
        await this.handler(message);
        return;
      } catch (error) {
        if (tries >= this.settings.attempts) {
          this.logger.error('Report dropped: the handler kept rejecting it', { ...key, tries, error: errorMessage(error) });
          return;
        }
        const delayMs = backoffDelayMs(tries, this.settings.backoff);
        this.logger.warn('Report handler rejected a report; trying again', { ...key, tries, delayMs, error: errorMessage(error) });
        await delay(delayMs).done;
      }
    }
  }
}
