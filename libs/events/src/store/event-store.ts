import type { EventEnvelope, NewEvent } from '../envelope.js';

/**
 * What the writer believes a stream's version to be: `any` (no check), `no_stream` (no event
 * yet) or the exact version of the stream's last event.
 */
export type ExpectedVersion = 'any' | 'no_stream' | number;

/** Proof of ownership of a partition (DESIGN.md §4). A higher epoch fences out lower ones. */
export interface FencingToken {
  readonly partition: number;
  readonly epoch: number;
}

export interface AppendOptions {
  /** Per stream; a stream named here but not written is checked all the same. Default `any`. */
  readonly expectedVersions?: Readonly<Record<string, ExpectedVersion>>;
  /** Checked against the session log's last position, covering every stream at once. */
  readonly expectedPosition?: ExpectedVersion;
  /** A retried commit with the same key writes nothing and answers the original result. */
  readonly idempotencyKey?: string;
  readonly fencingToken?: FencingToken;
  /** Streams (written by this commit) that accept nothing after it. */
  readonly closeStreams?: readonly string[];
}

export interface AppendResult {
  /** True when the idempotency key matched an earlier commit; nothing was written now. */
  readonly duplicate: boolean;
  readonly firstPosition: number;
  readonly lastPosition: number;
  /** The version of each written stream after the commit. */
  readonly streamVersions: Readonly<Record<string, number>>;
  readonly recordedAt: string;
}

export interface Page<T> {
  readonly events: readonly T[];
  /** Where the next page starts (a version for streams, an `after` position for logs), or null at the end. */
  readonly next: number | null;
}

export interface ReadStreamOptions {
  /** Inclusive; default 1. */
  readonly fromVersion?: number;
  /** Default 1,000; at most 10,000. */
  readonly limit?: number;
}

export interface ReadLogOptions {
  /** Exclusive log position; default 0 (from the beginning). */
  readonly after?: number;
  readonly limit?: number;
}

export interface SubscribeOptions {
  /** Exclusive log position to start after; default 0. */
  readonly after?: number;
  readonly signal?: AbortSignal;
}

export interface Snapshot {
  readonly stream: string;
  /** The version of the last event folded into `state`. */
  readonly version: number;
  /** The shape of `state`; a snapshot of another revision is ignored, never migrated. */
  readonly schemaRevision: number;
  readonly state: unknown;
}

export type StoredEvent = EventEnvelope;

/**
 * The event store port (DESIGN.md §2). One commit writes events to one or more streams of one
 * session atomically and appends them, in order, to the session's log.
 */
export interface EventStore {
  append(sessionId: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<Page<StoredEvent>>;
  readLog(sessionId: string, options?: ReadLogOptions): Promise<Page<StoredEvent>>;
  /** The version of the stream's last event, 0 when it has none. */
  streamVersion(stream: string): Promise<number>;
  /** The position of the session log's last event, 0 when it has none. */
  logPosition(sessionId: string): Promise<number>;
  /** Every event of the session log after `after`, then each new one as it is committed, until aborted. */
  subscribeToLog(sessionId: string, options?: SubscribeOptions): AsyncIterable<StoredEvent>;
  /** Raises the session's fence to the token's epoch without writing an event (used on takeover). */
  fence(sessionId: string, token: FencingToken): Promise<void>;
  saveSnapshot(snapshot: Snapshot): Promise<void>;
  loadSnapshot(stream: string, schemaRevision: number): Promise<Snapshot | null>;
  /** Deletes every event of the session and leaves a tombstone that refuses later appends. */
  deleteSession(sessionId: string): Promise<void>;
  close(): Promise<void>;
}
