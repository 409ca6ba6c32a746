import type { Catalogue } from '../../catalogue/catalogue.js';
import type { NewEvent } from '../../envelope.js';
import { ConcurrencyError, FencedError, SESSION_LOG, SessionDeletedError, StreamClosedError, type VersionConflict } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  FencingToken,
  Page,
  ReadLogOptions,
  ReadStreamOptions,
  Snapshot,
  StoredEvent,
  SubscribeOptions,
} from '../event-store.js';
import { prepareAppend } from '../prepare-append.js';
import { afterPosition, assertSessionId, assertSnapshot, fromVersion, matches, pageLimit, parseSnapshot, prepareFence, sessionOfStream } from '../store-rules.js';
import { decodeRecord, type StoredRecord } from '../stored-record.js';

interface SessionData {
  log: StoredRecord[];
  versions: Map<string, number>;
  closed: Set<string>;
  idempotent: Map<string, AppendResult>;
  snapshots: Map<string, string>;
  fence: number;
  deleted: boolean;
  wakeSubscribers: Set<() => void>;
}

export interface InMemoryEventStoreOptions {
  readonly catalogue: Catalogue;
  /** The store's clock for `recordedAt` (the Redis adapter uses Redis's). */
  readonly now?: () => number;
}

/**
 * The embedded-mode store and the unit-test double. It keeps what the Redis adapter keeps, in
 * the same encoded form (JSON bodies, upcast on read), and answers the same contract suite.
 * A commit runs synchronously between awaits, which is what makes it atomic here.
 */
export class InMemoryEventStore implements EventStore {
  private readonly sessions = new Map<string, SessionData>();
  private readonly catalogue: Catalogue;
  private readonly now: () => number;

  constructor(options: InMemoryEventStoreOptions) {
    this.catalogue = options.catalogue;
    this.now = options.now ?? Date.now;
  }

  async append(sessionId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const commit = prepareAppend(this.catalogue, sessionId, events, options);
    const session = this.session(sessionId);
    if (session.deleted) throw new SessionDeletedError(sessionId);
    if (commit.idempotencyKey !== undefined) {
      const original = session.idempotent.get(commit.idempotencyKey);
      if (original) return { ...original, duplicate: true };
    }
    if (commit.fencingEpoch !== undefined && commit.fencingEpoch < session.fence) {
      throw new FencedError(sessionId, options!.fencingToken!, session.fence);
    }
    for (const stream of commit.streams) if (session.closed.has(stream.name)) throw new StreamClosedError(stream.name);
    const conflicts: VersionConflict[] = [];
    const position = session.log.length;
    if (!matches(commit.expectedPosition, position)) conflicts.push({ stream: SESSION_LOG, expected: commit.expectedPosition, actual: position });
    for (const stream of commit.streams) {
      const actual = session.versions.get(stream.name) ?? 0;
      if (!matches(stream.expected, actual)) conflicts.push({ stream: stream.name, expected: stream.expected, actual });
    }
    if (conflicts.length > 0) throw new ConcurrencyError(conflicts as [VersionConflict, ...VersionConflict[]]);

    const recordedAtMs = this.now();
    for (const event of commit.events) {
      const stream = commit.streams[event.streamIndex]!.name;
      const version = (session.versions.get(stream) ?? 0) + 1;
      session.versions.set(stream, version);
      const record: StoredRecord = { stream, version, position: session.log.length + 1, type: event.type, schemaVersion: event.schemaVersion, recordedAtMs, body: event.body };
      session.log.push(record);
    }
    for (const stream of commit.streams) if (stream.close) session.closed.add(stream.name);
    if (commit.fencingEpoch !== undefined) session.fence = Math.max(session.fence, commit.fencingEpoch);

    const streamVersions: Record<string, number> = {};
    for (const stream of commit.streams) if (stream.written) streamVersions[stream.name] = session.versions.get(stream.name)!;
    const result: AppendResult = {
      duplicate: false,
      firstPosition: position + 1,
      lastPosition: session.log.length,
      streamVersions,
      recordedAt: new Date(recordedAtMs).toISOString(),
    };
    if (commit.idempotencyKey !== undefined) session.idempotent.set(commit.idempotencyKey, result);
    for (const wake of session.wakeSubscribers) wake();
    return result;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<Page<StoredEvent>> {
    const sessionId = sessionOfStream(stream);
    const limit = pageLimit(options.limit);
    const from = fromVersion(options.fromVersion);
    // Embedded sessions are small: a stream is read by filtering its session's log.
    const records = (this.sessions.get(sessionId)?.log ?? []).filter((record) => record.stream === stream);
    const events = records.slice(from - 1, from - 1 + limit).map((record) => decodeRecord(this.catalogue, sessionId, record));
    return { events, next: from - 1 + limit < records.length ? from + limit : null };
  }

  async readLog(sessionId: string, options: ReadLogOptions = {}): Promise<Page<StoredEvent>> {
    assertSessionId(sessionId);
    const limit = pageLimit(options.limit);
    const after = afterPosition(options.after);
    const log = this.sessions.get(sessionId)?.log ?? [];
    const events = log.slice(after, after + limit).map((record) => decodeRecord(this.catalogue, sessionId, record));
    return { events, next: after + limit < log.length ? after + limit : null };
  }

  async streamVersion(stream: string): Promise<number> {
    return this.sessions.get(sessionOfStream(stream))?.versions.get(stream) ?? 0;
  }

  async logPosition(sessionId: string): Promise<number> {
    assertSessionId(sessionId);
    return this.sessions.get(sessionId)?.log.length ?? 0;
  }

  async *subscribeToLog(sessionId: string, options: SubscribeOptions = {}): AsyncIterable<StoredEvent> {
    assertSessionId(sessionId);
    const { signal } = options;
    let after = afterPosition(options.after);
    const session = this.session(sessionId);
    while (!signal?.aborted) {
      if (after < session.log.length) {
        const record = session.log[after]!;
        after += 1;
        yield decodeRecord(this.catalogue, sessionId, record);
        continue;
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          session.wakeSubscribers.delete(wake);
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        session.wakeSubscribers.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  async fence(sessionId: string, token: FencingToken): Promise<void> {
    prepareFence(sessionId, token);
    const session = this.session(sessionId);
    if (session.deleted) throw new SessionDeletedError(sessionId);
    if (token.epoch < session.fence) throw new FencedError(sessionId, token, session.fence);
    session.fence = token.epoch;
  }

  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    const sessionId = sessionOfStream(snapshot.stream);
    if (this.sessions.get(sessionId)?.deleted) throw new SessionDeletedError(sessionId);
    const version = await this.streamVersion(snapshot.stream);
    assertSnapshot(snapshot, version);
    this.session(sessionId).snapshots.set(snapshot.stream, JSON.stringify(snapshot));
  }

  async loadSnapshot(stream: string, schemaRevision: number): Promise<Snapshot | null> {
    const stored = this.sessions.get(sessionOfStream(stream))?.snapshots.get(stream);
    return parseSnapshot(stored, schemaRevision);
  }

  async deleteSession(sessionId: string): Promise<void> {
    assertSessionId(sessionId);
    const session = this.session(sessionId);
    const wake = [...session.wakeSubscribers];
    this.sessions.set(sessionId, { ...emptySession(), deleted: true, wakeSubscribers: session.wakeSubscribers });
    for (const subscriber of wake) subscriber();
  }

  async close(): Promise<void> {
    for (const session of this.sessions.values()) for (const wake of session.wakeSubscribers) wake();
  }

  private session(sessionId: string): SessionData {
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = emptySession();
      this.sessions.set(sessionId, session);
    }
    return session;
  }
}

function emptySession(): SessionData {
  return {
    log: [],
    versions: new Map(),
    closed: new Set(),
    idempotent: new Map(),
    snapshots: new Map(),
    fence: 0,
    deleted: false,
    wakeSubscribers: new Set(),
  };
}
