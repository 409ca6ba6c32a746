import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { positionOfEntry, type RawStreamEntry } from './log-entry.js';

/** Whoever wants the entries the tail reads from one log. */
export interface TailWatcher {
  /** New entries of the watched log, in order; called synchronously from the read loop. */
  deliver(entries: readonly RawStreamEntry[]): void;
  /** The tail stopped for good (the store closed). */
  ended(): void;
}

export interface LogTailOptions {
  /** The connection the blocking one is duplicated from; also sends `CLIENT UNBLOCK`. */
  readonly source: Redis;
  readonly name: string;
  /** How long one blocking read waits; also the watchdog of a connection that died silently. */
  readonly blockMs: number;
}

const ENTRIES_PER_LOG_PER_READ = 500;

interface WatchedLog {
  /** The position of the last entry this tail read from the log (its XREAD cursor). */
  cursor: number;
  readonly watchers: Set<TailWatcher>;
}

/**
 * One blocking `XREAD` over many session logs on one dedicated connection, so that following a
 * thousand sessions costs one socket instead of a thousand. When the set of logs changes while
 * the read is blocked, `CLIENT UNBLOCK` (from the source connection) ends the read early and
 * the loop reads again with the new set; the cursor of each log only moves forward.
 */
export class LogTail {
  private readonly connection: Redis;
  private readonly logs = new Map<string, WatchedLog>();
  private clientId: number | undefined;
  /** Counts the reads sent, so an interrupt never unblocks a later read than the one it meant. */
  private readsSent = 0;
  private reading = false;
  private interruptingRead = -1;
  private closed = false;
  /** Set while the loop waits for a first log to follow. */
  private wakeIdleLoop: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(private readonly options: LogTailOptions) {
    this.connection = options.source.duplicate({
      blockingTimeout: options.blockMs,
      blockingTimeoutGrace: 1_000,
      connectionName: options.name,
    });
    // A reconnected connection has a new client id, asked for again before the next read.
    this.connection.on('close', () => (this.clientId = undefined));
    this.loop = this.run();
  }

  /** How many logs this tail follows. */
  get size(): number {
    return this.logs.size;
  }

  /**
   * Starts handing the log's entries after `after` to the watcher (or, when the log is already
   * followed, the entries after the tail's cursor). Returns that cursor: a watcher that is
   * behind it reads the gap itself.
   */
  watch(key: string, after: number, watcher: TailWatcher): number {
    let log = this.logs.get(key);
    if (!log) {
      log = { cursor: after, watchers: new Set() };
      this.logs.set(key, log);
      this.wake();
      this.interruptRead();
    }
    log.watchers.add(watcher);
    return log.cursor;
  }

  follows(key: string): boolean {
    return this.logs.has(key);
  }

  unwatch(key: string, watcher: TailWatcher): void {
    const log = this.logs.get(key);
    if (!log) return;
    log.watchers.delete(watcher);
    // The read in flight may still name the key; what it returns for it is dropped.
    if (log.watchers.size === 0) this.logs.delete(key);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    if (this.connection.status !== 'end') this.connection.disconnect();
    await this.loop;
    for (const log of this.logs.values()) for (const watcher of log.watchers) watcher.ended();
    this.logs.clear();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      if (this.logs.size === 0) {
        await this.untilWatched();
        continue;
      }
      try {
        this.clientId ??= Number(await this.connection.client('ID'));
        const reply = await this.read();
        failures = 0;
        this.handOut(reply);
      } catch {
        if (this.closed) break;
        failures += 1;
        await delay(Math.min(50 * 2 ** failures, 2_000));
      }
    }
  }

  private async read(): Promise<[string, RawStreamEntry[]][] | null> {
    const keys = [...this.logs.keys()];
    const ids = keys.map((key) => `${this.logs.get(key)!.cursor}-0`);
    this.readsSent += 1;
    this.reading = true;
    try {
      return (await this.connection.xread('COUNT', ENTRIES_PER_LOG_PER_READ, 'BLOCK', this.options.blockMs, 'STREAMS', ...keys, ...ids)) as
        | [string, RawStreamEntry[]][]
        | null;
    } finally {
      this.reading = false;
    }
  }

  private handOut(reply: [string, RawStreamEntry[]][] | null): void {
    for (const [key, entries] of reply ?? []) {
      const log = this.logs.get(key);
      const last = entries[entries.length - 1];
      if (!log || !last) continue;
      // A log unwatched and watched again while the read was in flight may have a newer cursor.
      const fresh = entries.filter((entry) => positionOfEntry(entry) > log.cursor);
      if (fresh.length === 0) continue;
      log.cursor = positionOfEntry(fresh[fresh.length - 1]!);
      for (const watcher of log.watchers) watcher.deliver(fresh);
    }
  }

  /** Ends the blocked read so the next one includes a newly watched log. */
  private interruptRead(): void {
    const read = this.readsSent;
    if (!this.reading || this.interruptingRead === read) return;
    this.interruptingRead = read;
    void (async () => {
      // The read may not have reached the server yet (UNBLOCK answers 0): try until it did or
      // it ended on its own.
      while (this.reading && this.readsSent === read && !this.closed) {
        try {
          if (this.clientId !== undefined && Number(await this.options.source.client('UNBLOCK', this.clientId)) === 1) return;
        } catch {
          // The source connection is down too; the read's own timeout brings the new log in.
        }
        await delay(1);
      }
    })();
  }

  private untilWatched(): Promise<void> {
    return new Promise((resolve) => (this.wakeIdleLoop = resolve));
  }

  private wake(): void {
    this.wakeIdleLoop?.();
    this.wakeIdleLoop = undefined;
  }
}
