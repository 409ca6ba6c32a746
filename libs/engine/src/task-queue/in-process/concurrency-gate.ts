import { noWait, type Wait } from './wait.js';

/**
 * Limits how many attempts run at once. Tasks line up in arrival order; one that is cancelled
 * while in line leaves it without ever taking a slot. A slot is held for one attempt, not across
 * a retry's backoff, the way a queue worker picks a delayed job up again.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly line: ((granted: boolean) => void)[] = [];

  /** `limit` defaults to unbounded. */
  constructor(private readonly limit = Number.POSITIVE_INFINITY) {
    if (!(limit >= 1)) throw new Error(`concurrency must be at least 1, got ${limit}`);
  }

  /** Resolves true once a slot is held; a cancel after that is a no-op (the holder releases it). */
  acquire(): Wait {
    if (this.running < this.limit) {
      this.running += 1;
      return noWait;
    }
    let grant: (granted: boolean) => void = () => undefined;
    const done = new Promise<boolean>((resolve) => {
      grant = resolve;
    });
    this.line.push(grant);
    return {
      done,
      cancel: () => {
        const place = this.line.indexOf(grant);
        if (place < 0) return;
        this.line.splice(place, 1);
        grant(false);
      },
    };
  }

  /** Hands the slot to the next in line, if any. */
  release(): void {
    const next = this.line.shift();
    if (next) next(true);
    else this.running -= 1;
  }
}
