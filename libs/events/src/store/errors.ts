import { AsideError } from '../errors.js';
import type { ExpectedVersion } from './event-store.js';

/** The name used in conflicts about the session log itself rather than one stream. */
export const SESSION_LOG = '$log';

export interface VersionConflict {
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly actual: number;
}

/** Optimistic concurrency failed on at least one stream; nothing was written to any. */
export class ConcurrencyError extends AsideError {
  static readonly CODE = 'CONCURRENCY';
  readonly code = ConcurrencyError.CODE;
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly actual: number;

  constructor(readonly conflicts: readonly [VersionConflict, ...VersionConflict[]]) {
    super(
      `Version conflict: ${conflicts.map((c) => `${c.stream} expected ${String(c.expected)} but is at ${c.actual}`).join('; ')}`,
    );
    this.brand(ConcurrencyError.CODE);
    ({ stream: this.stream, expected: this.expected, actual: this.actual } = conflicts[0]);
  }
}

/** The stream was closed by an earlier commit and accepts no more events. */
export class StreamClosedError extends AsideError {
  static readonly CODE = 'STREAM_CLOSED';
  readonly code = StreamClosedError.CODE;

  constructor(readonly stream: string) {
    super(`Stream ${stream} is closed`);
    this.brand(StreamClosedError.CODE);
  }
}

/** The session was deleted (archived); its tombstone keeps a late append from recreating it. */
export class SessionDeletedError extends AsideError {
  static readonly CODE = 'SESSION_DELETED';
  readonly code = SessionDeletedError.CODE;

  constructor(readonly sessionId: string) {
    super(`Session ${sessionId} was deleted`);
    this.brand(SessionDeletedError.CODE);
  }
}

/**
 * A writer presented a fencing token it may not write with: an epoch older than the session
 * has seen (it is no longer the owner), or a token of another partition.
 */
export class FencedError extends AsideError {
  static readonly CODE = 'FENCED';
  readonly code = FencedError.CODE;

  constructor(
    readonly sessionId: string,
    readonly presented: { readonly partition: number; readonly epoch: number },
    /** The epoch the session has seen, when the refusal was about the epoch. */
    readonly currentEpoch: number | null,
  ) {
    super(
      currentEpoch === null
        ? `Session ${sessionId} is not in partition ${presented.partition}: the token cannot write to it`
        : `Session ${sessionId} is fenced at epoch ${currentEpoch}; a token of epoch ${presented.epoch} can no longer write`,
    );
    this.brand(FencedError.CODE);
  }
}

/** A stream name the store cannot attribute to the session it is written in. */
export class InvalidStreamError extends AsideError {
  static readonly CODE = 'INVALID_STREAM';
  readonly code = InvalidStreamError.CODE;

  constructor(
    readonly stream: string,
    readonly reason: string,
  ) {
    super(`Invalid stream "${stream}": ${reason}`);
    this.brand(InvalidStreamError.CODE);
  }
}

/** The append request itself is malformed (no events, bad options, oversized). */
export class InvalidAppendError extends AsideError {
  static readonly CODE = 'INVALID_APPEND';
  readonly code = InvalidAppendError.CODE;

  constructor(reason: string) {
    super(`Invalid append: ${reason}`);
    this.brand(InvalidAppendError.CODE);
  }
}

/** Stored data that no longer validates: the store refuses to hand it out rather than guess. */
export class CorruptEventError extends AsideError {
  static readonly CODE = 'CORRUPT_EVENT';
  readonly code = CorruptEventError.CODE;

  constructor(
    readonly sessionId: string,
    readonly position: number,
    reason: string,
  ) {
    super(`Event at position ${position} of session ${sessionId} cannot be read: ${reason}`);
    this.brand(CorruptEventError.CODE);
  }
}
