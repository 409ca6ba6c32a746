import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { Catalogue } from '../../catalogue/catalogue.js';
import type { NewEvent } from '../../envelope.js';
import { ConcurrencyError, FencedError, SessionDeletedError, StreamClosedError, type VersionConflict } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedVersion,
  FencingToken,
  Page,
  ReadLogOptions,
  ReadStreamOptions,
  Snapshot,
  StoredEvent,
  SubscribeOptions,
} from '../event-store.js';
import { prepareAppend, type PreparedAppend } from '../prepare-append.js';
import {
  afterPosition,
  assertSessionId,
  assertSnapshot,
  fromVersion,
  pageLimit,
  parseSnapshot,
  prepareFence,
  sessionOfStream,
} from '../store-rules.js';
import { decodeRecord } from '../stored-record.js';
import { positionOfEntry, recordOfLogEntry, type RawStreamEntry } from './log-entry.js';
import { LogFollower } from './log-follower.js';
import { LogFeeds } from './log-feeds.js';
import { scripts } from './lua-script.js';
import { sessionKeys, type SessionKeys } from './redis-keys.js';

export interface RedisEventStoreOptions {
  /** A connection string, or a client the caller keeps owning (the store never quits it). */
  readonly connection: Redis | string;
  readonly catalogue: Catalogue;
  /** Namespace of every key; default `aside`. */
  readonly keyPrefix?: string;
  /**
   * How often the subscriptions' notice connection must answer a PING before it is taken for
   * dead and reconnected (then every subscription reads what it may have missed). Default 2 s.
   */
  readonly subscriptionHeartbeatMs?: number;
}

type Reply = [status: string, ...rest: unknown[]];

/** Entries a subscription reads per round trip while it catches up with the log. */
const CATCH_UP_PAGE = 500;
/** Entries a subscription may have waiting before it falls back to reading the log itself. */
const FOLLOWER_CAPACITY = 5_000;
/** How soon a subscription that could not be set up is tried again. */
const FOLLOW_RETRY_MS = 200;

/**
 * The event store on Redis (DESIGN.md §2). One Lua script commits a decision across the
 * session's streams; versions and log positions come from counters in the session's meta hash;
 * the log is a stream whose entry ids are the positions themselves.
 */
export class RedisEventStore implements EventStore {
  private readonly redis: Redis;
  private readonly ownsConnection: boolean;
  private readonly catalogue: Catalogue;
  private readonly prefix: string;
  private readonly feeds: LogFeeds;
  private closed = false;

  constructor(options: RedisEventStoreOptions) {
    this.ownsConnection = typeof options.connection === 'string';
    this.redis = typeof options.connection === 'string' ? new Redis(options.connection) : options.connection;
    this.catalogue = options.catalogue;
    this.prefix = options.keyPrefix ?? 'aside';
    this.feeds = new LogFeeds({
      source: this.redis,
      // Connection names may not hold spaces; the prefix tells whose connection it is.
      connectionName: `${this.prefix.replace(/[^\w:.-]/g, '_')}-log-notices`,
      heartbeatMs: options.subscriptionHeartbeatMs ?? 2_000,
    });
  }

  keysOf(sessionId: string): SessionKeys {
    return sessionKeys(this.prefix, sessionId);
  }

  async append(sessionId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const commit = prepareAppend(this.catalogue, sessionId, events, options);
    const keys = this.keysOf(sessionId);
    const reply = (await scripts.append.run(
      this.redis,
      [keys.meta, keys.log, keys.idempotency, ...commit.streams.map((stream) => keys.index(stream.name))],
      [...appendArguments(commit), keys.commitNotices],
    )) as Reply;
    const [status, ...rest] = reply;
    switch (status) {
      case 'ok':
      case 'duplicate':
        return appendResult(status === 'duplicate', rest);
      case 'tombstoned':
        throw new SessionDeletedError(sessionId);
      case 'fenced':
        throw new FencedError(sessionId, options!.fencingToken!, Number(rest[0]));
      case 'closed':
        throw new StreamClosedError(String(rest[0]));
      case 'conflict':
        throw new ConcurrencyError(conflictsOf(rest));
      default:
        throw new Error(`append.lua answered an unknown status ${String(status)}`);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<Page<StoredEvent>> {
    const sessionId = sessionOfStream(stream);
    const limit = pageLimit(options.limit);
    const from = fromVersion(options.fromVersion);
    const keys = this.keysOf(sessionId);
    const [status, current, ...entries] = (await scripts.readStream.run(
      this.redis,
      [keys.meta, keys.index(stream), keys.log],
      [stream, from, limit + 1],
    )) as [string, number, ...RawStreamEntry[]];
    const raw = status === 'ok' ? entries : await this.scanLogForStream(keys, stream, from, limit + 1);
    const events = raw.slice(0, limit).map((entry) => decodeRecord(this.catalogue, sessionId, recordOfLogEntry(entry)));
    return { events, next: from + limit <= current ? from + limit : null };
  }

  async readLog(sessionId: string, options: ReadLogOptions = {}): Promise<Page<StoredEvent>> {
    assertSessionId(sessionId);
    const limit = pageLimit(options.limit);
    const after = afterPosition(options.after);
    const entries = (await this.redis.xrange(this.keysOf(sessionId).log, `${after + 1}-0`, '+', 'COUNT', limit + 1)) as RawStreamEntry[];
    const events = entries.slice(0, limit).map((entry) => decodeRecord(this.catalogue, sessionId, recordOfLogEntry(entry)));
    return { events, next: entries.length > limit ? after + limit : null };
  }

  async streamVersion(stream: string): Promise<number> {
    const version = await this.redis.hget(this.keysOf(sessionOfStream(stream)).meta, `v:${stream}`);
    return Number(version ?? 0);
  }

  async logPosition(sessionId: string): Promise<number> {
    assertSessionId(sessionId);
    return Number((await this.redis.hget(this.keysOf(sessionId).meta, 'log')) ?? 0);
  }

  async *subscribeToLog(sessionId: string, options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    assertSessionId(sessionId);
    const { signal } = options;
    let after = afterPosition(options.after);
    const { log, commitNotices } = this.keysOf(sessionId);
    const follower = new LogFollower(FOLLOWER_CAPACITY);
    let watching = false;
    // Reading the log directly until the feed hands over everything after `after`.
    let behind = true;
    try {
      while (!signal?.aborted && !this.closed) {
        if (behind) {
          const page = await this.readLogPage(log, after, signal);
          if (!page) break;
          for (const entry of page) {
            const event = decodeRecord(this.catalogue, sessionId, recordOfLogEntry(entry));
            after = event.position;
            yield event;
          }
          if (page.length === CATCH_UP_PAGE) continue;
          if (this.closed) break;
          // Following from `after`: what the feed reads from now on comes to the follower; if the
          // log was already followed past `after`, one more page read closes the gap.
          if (!watching) {
            try {
              behind = (await this.feeds.follow(log, commitNotices, after, follower)) > after;
              watching = true;
            } catch {
              // The subscription was refused (Redis went away meanwhile): read and try again.
              await delay(FOLLOW_RETRY_MS, undefined, signal ? { signal } : {}).catch(() => undefined);
            }
          } else {
            behind = false;
          }
          continue;
        }
        const { entries, overflowed } = follower.take();
        const fresh = entries.filter((entry) => positionOfEntry(entry) > after);
        if (overflowed || (fresh.length > 0 && positionOfEntry(fresh[0]!) !== after + 1)) {
          behind = true;
          continue;
        }
        for (const entry of fresh) {
          const event = decodeRecord(this.catalogue, sessionId, recordOfLogEntry(entry));
          after = event.position;
          yield event;
        }
        if (fresh.length > 0) continue;
        if (follower.isEnded) break;
        await follower.next(signal);
      }
    } finally {
      if (watching) this.feeds.unfollow(log, commitNotices, follower);
    }
  }

  /** One page of the log after a position; retried while Redis is unreachable; null once aborted or closed. */
  private async readLogPage(log: string, after: number, signal: AbortSignal | undefined): Promise<RawStreamEntry[] | null> {
    for (let failures = 1; !signal?.aborted && !this.closed; failures += 1) {
      try {
        return (await this.redis.xrange(log, `${after + 1}-0`, '+', 'COUNT', CATCH_UP_PAGE)) as RawStreamEntry[];
      } catch {
        await delay(Math.min(50 * 2 ** failures, 2_000));
      }
    }
    return null;
  }

  async fence(sessionId: string, token: FencingToken): Promise<void> {
    prepareFence(sessionId, token);
    const [status, value] = (await scripts.fence.run(this.redis, [this.keysOf(sessionId).meta], [token.epoch])) as Reply;
    if (status === 'tombstoned') throw new SessionDeletedError(sessionId);
    if (status === 'fenced') throw new FencedError(sessionId, token, Number(value));
  }

  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    const sessionId = sessionOfStream(snapshot.stream);
    // The version is checked against the stream inside the script, atomically with the tombstone.
    assertSnapshot(snapshot, Number.MAX_SAFE_INTEGER);
    const keys = this.keysOf(sessionId);
    const [status, current] = (await scripts.saveSnapshot.run(
      this.redis,
      [keys.meta, keys.snapshots],
      [snapshot.stream, snapshot.version, JSON.stringify(snapshot)],
    )) as Reply;
    if (status === 'tombstoned') throw new SessionDeletedError(sessionId);
    if (status === 'ahead') assertSnapshot(snapshot, Number(current));
  }

  async loadSnapshot(stream: string, schemaRevision: number): Promise<Snapshot | null> {
    return parseSnapshot(await this.redis.hget(this.keysOf(sessionOfStream(stream)).snapshots, stream), schemaRevision);
  }

  async deleteSession(sessionId: string): Promise<void> {
    assertSessionId(sessionId);
    const keys = this.keysOf(sessionId);
    for (;;) {
      const streams = (await this.redis.hkeys(keys.meta)).filter((field) => field.startsWith('v:')).map((field) => field.slice(2));
      const [status] = (await scripts.deleteSession.run(
        this.redis,
        [keys.meta, keys.log, keys.idempotency, keys.snapshots, ...streams.map((stream) => keys.index(stream))],
        [streams.length],
      )) as Reply;
      if (status === 'ok') return;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.feeds.close();
    if (this.ownsConnection) await this.redis.quit();
  }

  /** Reads a stream from the log itself, for when its index was trimmed. */
  private async scanLogForStream(keys: SessionKeys, stream: string, from: number, wanted: number): Promise<RawStreamEntry[]> {
    const found: RawStreamEntry[] = [];
    let start = '-';
    while (found.length < wanted) {
      const page = (await this.redis.xrange(keys.log, start, '+', 'COUNT', 1_000)) as RawStreamEntry[];
      for (const entry of page) {
        const record = recordOfLogEntry(entry);
        if (record.stream === stream && record.version >= from && found.length < wanted) found.push(entry);
      }
      if (page.length < 1_000) break;
      start = `(${page[page.length - 1]![0]}`;
    }
    return found;
  }
}

function appendArguments(commit: PreparedAppend): (string | number)[] {
  const args: (string | number)[] = [
    commit.idempotencyKey ?? '',
    commit.fencingEpoch ?? '',
    String(commit.expectedPosition),
    commit.streams.length,
  ];
  for (const stream of commit.streams) args.push(stream.name, String(stream.expected), stream.written ? '1' : '0', stream.close ? '1' : '0');
  args.push(commit.events.length);
  for (const event of commit.events) args.push(event.streamIndex + 1, event.type, event.schemaVersion, event.body);
  return args;
}

function appendResult(duplicate: boolean, [first, last, recordedAtMs, ...versions]: unknown[]): AppendResult {
  const streamVersions: Record<string, number> = {};
  for (let i = 0; i + 1 < versions.length; i += 2) streamVersions[String(versions[i])] = Number(versions[i + 1]);
  return {
    duplicate,
    firstPosition: Number(first),
    lastPosition: Number(last),
    streamVersions,
    recordedAt: new Date(Number(recordedAtMs)).toISOString(),
  };
}

function conflictsOf(values: unknown[]): [VersionConflict, ...VersionConflict[]] {
  const conflicts: VersionConflict[] = [];
  for (let i = 0; i + 2 < values.length; i += 3) {
    const expected = String(values[i + 1]);
    conflicts.push({
      stream: String(values[i]),
      expected: expected === 'any' || expected === 'no_stream' ? expected : (Number(expected) as ExpectedVersion),
      actual: Number(values[i + 2]),
    });
  }
  return conflicts as [VersionConflict, ...VersionConflict[]];
}
