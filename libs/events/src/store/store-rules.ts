import { parseSessionId } from '../ids/session-id.js';
import { parseStreamName } from '../ids/stream-name.js';
import { FencedError, InvalidAppendError, InvalidStreamError } from './errors.js';
import type { ExpectedVersion, FencingToken, Snapshot } from './event-store.js';

// Rules both adapters apply identically, so that the contract suite has one meaning.

export function matches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 0;
  return expected === actual;
}

/** The session a stream belongs to, or an InvalidStreamError. */
export function sessionOfStream(name: string): string {
  const ref = typeof name === 'string' ? parseStreamName(name) : undefined;
  if (!ref) throw new InvalidStreamError(String(name), 'expected <category>/<sessionId>[/<entityId>]');
  return ref.sessionId;
}

export function assertSessionId(sessionId: string): void {
  if (!parseSessionId(sessionId)) throw new InvalidStreamError(String(sessionId), 'not a valid session id');
}

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return 1_000;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw new InvalidAppendError('a page limit is an integer from 1 to 10,000');
  return limit;
}


export function fromVersion(value: number | undefined): number {
  if (value === undefined) return 1;
  if (!Number.isSafeInteger(value) || value < 1) throw new InvalidAppendError('fromVersion is an integer of at least 1');
  return value;
}

export function afterPosition(value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value) || value < 0) throw new InvalidAppendError('after is a non-negative integer');
  return value;
}

export function prepareFence(sessionId: string, token: FencingToken): void {
  const session = parseSessionId(sessionId);
  if (!session) throw new InvalidStreamError(String(sessionId), 'not a valid session id');
  if (!Number.isSafeInteger(token.epoch) || token.epoch < 0) throw new InvalidAppendError('a fencing epoch is a non-negative integer');
  if (session.partition !== token.partition) throw new FencedError(sessionId, token, null);
}

export function assertSnapshot(snapshot: Snapshot, streamVersion: number): void {
  if (!Number.isSafeInteger(snapshot.version) || snapshot.version < 1 || snapshot.version > streamVersion) {
    throw new InvalidAppendError(`a snapshot of ${snapshot.stream} must be at a version from 1 to ${streamVersion}, got ${snapshot.version}`);
  }
  if (!Number.isSafeInteger(snapshot.schemaRevision) || snapshot.schemaRevision < 0) {
    throw new InvalidAppendError('a snapshot schema revision is a non-negative integer');
  }
}

export function parseSnapshot(stored: string | null | undefined, schemaRevision: number): Snapshot | null {
  if (!stored) return null;
  const snapshot = JSON.parse(stored) as Snapshot;
  return snapshot.schemaRevision === schemaRevision ? snapshot : null;
}
