import type { ToolLogger } from '@aside/domain';
import { errorMessage } from '@aside/engine';
import type { TaskReportMessage } from '@aside/events';

/**
 * Sends one attempt's reports strictly one after the other: the next write starts when the
 * previous one finished, so the inbox holds them in seq order even when a body does not await
 * `ctx.update` (pipelining alone would not do: a script's NOSCRIPT fallback re-sends late).
 *
 * Never rejects: the attempt machinery fires `started` without awaiting it, and a body must not
 * crash on Redis being away. A failed write is logged and remembered; the runner then fails the
 * attempt so that BullMQ runs it again (its reports are keyed, so a repeat is harmless).
 */
export class OrderedSender {
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(
    private readonly write: (message: TaskReportMessage) => Promise<void>,
    private readonly logger: ToolLogger,
  ) {}

  /** The first write that failed, if any. */
  get failed(): unknown {
    return this.failure;
  }

  send(message: TaskReportMessage): Promise<void> {
    this.tail = this.tail.then(() =>
      this.write(message).catch((error: unknown) => {
        this.failure ??= error;
        this.logger.error('Writing a report failed', { seq: message.seq, report: message.report.type, error: errorMessage(error) });
      }),
    );
    return this.tail;
  }

  /** Resolves when every report sent so far was written or failed. */
  drained(): Promise<void> {
    return this.tail;
  }
}
