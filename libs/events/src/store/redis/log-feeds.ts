import { setTimeout as delay } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { CommitNotices } from './commit-notices.js';
import { positionOfEntry, type RawStreamEntry } from './log-entry.js';

/** Whoever wants the entries a feed reads from its log. */
export interface FeedFollower {
  /** New entries of the log, in order; called synchronously from the feed's read. */
  deliver(entries: readonly RawStreamEntry[]): void;
  /** The feed stopped for good (the store closed). */
  ended(): void;
}

export interface LogFeedsOptions {
  /** Reads the logs and is duplicated for the subscriber connection. */
  readonly source: Redis;
  /** Names the subscriber connection in CLIENT LIST. */
  readonly connectionName: string;
  readonly heartbeatMs: number;
}

/** Entries one read of a feed asks for; a full page is followed by another read at once. */
const ENTRIES_PER_READ = 500;

/**
 * One feed per followed session log, shared by every subscription of the session: a commit
 * notice makes the feed read the log after its cursor once and hand the entries to each
 * follower. Notices that arrive during a read only ask for one more read afterwards.
 */
class LogFeed {
  readonly followers = new Set<FeedFollower>();
  private reading = false;
  private readAgain = false;

  constructor(
    private readonly redis: Redis,
    private readonly log: string,
    /** The position of the last entry handed to the followers. */
    public cursor: number,
    private readonly isStopped: () => boolean,
  ) {}

  /** Reads what was committed after the cursor; coalesces calls made while a read runs. */
  pull(): void {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    void this.readUntilCaughtUp().finally(() => (this.reading = false));
  }

  private async readUntilCaughtUp(): Promise<void> {
    for (let failures = 0; !this.isStopped(); ) {
      this.readAgain = false;
      let entries: RawStreamEntry[];
      try {
        entries = (await this.redis.xrange(this.log, `${this.cursor + 1}-0`, '+', 'COUNT', ENTRIES_PER_READ)) as RawStreamEntry[];
        failures = 0;
      } catch {
        // Redis unreachable: try again; the followers wait, nothing is skipped.
        failures += 1;
        await delay(Math.min(50 * 2 ** failures, 2_000));
        continue;
      }
      if (entries.length > 0) {
        this.cursor = positionOfEntry(entries[entries.length - 1]!);
        for (const follower of this.followers) follower.deliver(entries);
      }
      if (entries.length < ENTRIES_PER_READ && !this.readAgain) return;
    }
  }
}

/**
 * The store's feeds of followed session logs, and the one subscriber connection that hears
 * their commit notices (opened with the first feed, closed with the last).
 */
export class LogFeeds {
  private readonly feeds = new Map<string, { feed: LogFeed; listener: () => void; subscribed: Promise<void> }>();
  private notices: CommitNotices | undefined;
  private closed = false;

  constructor(private readonly options: LogFeedsOptions) {}

  /**
   * Starts handing the follower what is committed to the log after `after` — or, when the log
   * is already followed, after the feed's cursor, which this resolves with: a follower behind
   * it reads the gap itself.
   */
  async follow(log: string, channel: string, after: number, follower: FeedFollower): Promise<number> {
    if (this.closed) throw new Error('The event store is closed');
    let followed = this.feeds.get(log);
    if (!followed) {
      const feed: LogFeed = new LogFeed(this.options.source, log, after, (): boolean => this.closed || this.feeds.get(log)?.feed !== feed);
      const notices = (this.notices ??= new CommitNotices({ ...this.options }));
      // Subscribed first, then read once: whatever was committed before the subscription
      // was confirmed is read, whatever comes after is announced.
      const listener = () => feed.pull();
      const subscribed = notices.listen(channel, listener).then(listener);
      followed = { feed, listener, subscribed };
      this.feeds.set(log, followed);
    }
    followed.feed.followers.add(follower);
    try {
      await followed.subscribed;
    } catch (error) {
      this.unfollow(log, channel, follower);
      throw error;
    }
    return followed.feed.cursor;
  }

  unfollow(log: string, channel: string, follower: FeedFollower): void {
    const followed = this.feeds.get(log);
    if (!followed) return;
    followed.feed.followers.delete(follower);
    if (followed.feed.followers.size > 0) return;
    this.feeds.delete(log);
    const notices = this.notices;
    if (!notices) return;
    void notices.stop(channel, followed.listener);
    if (this.feeds.size === 0) {
      // Nobody follows anything: give the connection back (reopened by the next follow).
      this.notices = undefined;
      notices.close();
    }
  }

  close(): void {
    this.closed = true;
    this.notices?.close();
    this.notices = undefined;
    for (const { feed } of this.feeds.values()) for (const follower of feed.followers) follower.ended();
    this.feeds.clear();
  }
}
