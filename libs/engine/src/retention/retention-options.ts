import type { SessionArchive } from './session-archive.js';

/** Retention of closed sessions (DESIGN.md §4). Without it, closed sessions are kept for good. */
export interface RetentionOptions {
  /** Where a session's log goes before it is deleted (FileSessionArchive for a directory). */
  readonly archive: SessionArchive;
  /** A closed session is kept this long after it closed, then archived and deleted. */
  readonly retentionMs: number;
  /** How often the owned partitions are swept. Default a minute (or the retention period, when shorter). */
  readonly sweepEveryMs?: number;
  /** At most this many sessions per partition per sweep. Default 100. */
  readonly batchSize?: number;
}

/** Seven days. */
export const DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1_000;

export interface RetentionSettings {
  readonly archive: SessionArchive;
  readonly retentionMs: number;
  readonly sweepEveryMs: number;
  readonly batchSize: number;
}

/** The options with their defaults, or a RangeError naming what is wrong. */
export function retentionSettings(options: RetentionOptions): RetentionSettings {
  const positive = (name: string, value: number): number => {
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`retention.${name} must be a positive integer, got ${value}`);
    return value;
  };
  const retentionMs = positive('retentionMs', options.retentionMs);
  return {
    archive: options.archive,
    retentionMs,
    sweepEveryMs: positive('sweepEveryMs', options.sweepEveryMs ?? Math.min(60_000, retentionMs)),
    batchSize: positive('batchSize', options.batchSize ?? 100),
  };
}
