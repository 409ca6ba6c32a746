import type { Redis } from 'ioredis';
import { LogTail, type TailWatcher } from './log-tail.js';

export interface LogTailsOptions {
  readonly source: Redis;
  /** Names the blocking connections (`<name>-<n>` in CLIENT LIST). */
  readonly connectionName: string;
  readonly blockMs: number;
  /** How many logs one blocking connection follows before another one is opened. */
  readonly logsPerConnection: number;
}

/**
 * The store's log tails: a log is followed by one tail for as long as anybody watches it, and
 * a new tail (one more blocking connection) is opened only when every tail follows its share;
 * a tail left with no log to follow is closed.
 */
export class LogTails {
  private readonly tails: LogTail[] = [];
  private readonly tailOfLog = new Map<string, LogTail>();
  private closed = false;
  private opened = 0;

  constructor(private readonly options: LogTailsOptions) {}

  /** See `LogTail.watch`. */
  watch(key: string, after: number, watcher: TailWatcher): number {
    if (this.closed) throw new Error('The event store is closed');
    const tail = this.tailOfLog.get(key) ?? this.tailWithRoom();
    this.tailOfLog.set(key, tail);
    return tail.watch(key, after, watcher);
  }

  unwatch(key: string, watcher: TailWatcher): void {
    const tail = this.tailOfLog.get(key);
    if (!tail) return;
    tail.unwatch(key, watcher);
    if (tail.follows(key)) return;
    this.tailOfLog.delete(key);
    // A tail nobody needs any more gives its connection back.
    if (tail.size === 0) {
      this.tails.splice(this.tails.indexOf(tail), 1);
      void tail.close();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.tails.map((tail) => tail.close()));
    this.tailOfLog.clear();
  }

  private tailWithRoom(): LogTail {
    const roomy = this.tails.find((tail) => tail.size < this.options.logsPerConnection);
    if (roomy) return roomy;
    const tail = new LogTail({ source: this.options.source, blockMs: this.options.blockMs, name: `${this.options.connectionName}-${(this.opened += 1)}` });
    this.tails.push(tail);
    return tail;
  }
}
