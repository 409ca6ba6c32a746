import { parseStreamName } from '../../ids/stream-name.js';

/**
 * Every key of a session carries the session id as its Redis Cluster hash tag, so that one
 * script can commit across all of a session's streams. Keys are derived here and passed to
 * scripts in KEYS, never built inside Lua.
 */
export interface SessionKeys {
  readonly meta: string;
  readonly log: string;
  readonly idempotency: string;
  readonly snapshots: string;
  /** The pub/sub channel each commit is announced on (a channel, not a key). */
  readonly commitNotices: string;
  index(stream: string): string;
}

export function sessionKeys(prefix: string, sessionId: string): SessionKeys {
  const tag = `${prefix}:{${sessionId}}`;
  return {
    meta: `${tag}:meta`,
    log: `${tag}:log`,
    idempotency: `${tag}:idem`,
    snapshots: `${tag}:snap`,
    commitNotices: `${tag}:commits`,
    index: (stream) => {
      const ref = parseStreamName(stream)!;
      return ref.entityId === undefined ? `${tag}:index:${ref.category}` : `${tag}:index:${ref.category}/${ref.entityId}`;
    },
  };
}
