import type { RawStreamEntry } from './log-entry.js';
import type { FeedFollower } from './log-feeds.js';

/**
 * One subscription's mailbox for what its session's feed reads. Bounded: a subscriber that stops pulling
 * while its log keeps growing loses the buffered entries and is told so (`overflowed`), then
 * reads the log itself from where it stopped — memory stays bounded, nothing is skipped.
 */
export class LogFollower implements FeedFollower {
  private buffered: RawStreamEntry[] = [];
  private overflowed = false;
  private hasEnded = false;
  private waiting: (() => void) | undefined;

  constructor(private readonly capacity: number) {}

  deliver(entries: readonly RawStreamEntry[]): void {
    if (this.overflowed || this.buffered.length + entries.length > this.capacity) {
      this.buffered = [];
      this.overflowed = true;
    } else {
      this.buffered.push(...entries);
    }
    this.notify();
  }

  ended(): void {
    this.hasEnded = true;
    this.notify();
  }

  get isEnded(): boolean {
    return this.hasEnded;
  }

  /** Everything handed over since the last call, and whether some of it was dropped. */
  take(): { readonly entries: readonly RawStreamEntry[]; readonly overflowed: boolean } {
    const taken = { entries: this.buffered, overflowed: this.overflowed };
    this.buffered = [];
    this.overflowed = false;
    return taken;
  }

  /** Resolves once something was handed over, the feed ended, or the signal aborted. */
  next(signal: AbortSignal | undefined): Promise<void> {
    if (this.buffered.length > 0 || this.overflowed || this.hasEnded || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done);
        this.waiting = undefined;
        resolve();
      };
      this.waiting = done;
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  private notify(): void {
    this.waiting?.();
  }
}
