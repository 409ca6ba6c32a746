import type { StoredEvent } from '@aside/events/store';

/** A session's log as the checker gets it from the store, the bad with the good. */
export interface SessionLog {
  readonly sessionId: string;
  /** Every event that decoded (catalogue and envelope valid), in log order. */
  readonly events: readonly StoredEvent[];
  /** Log entries that did not decode, by position, with the store's reason. */
  readonly unreadable: readonly { readonly position: number; readonly reason: string }[];
  /**
   * The session's log counter (the position of its last commit, as the store keeps it), read
   * just before and just after the log: a session may still commit while it is read (a late
   * report folded after the close), so a whole log holds between `before` and `after` entries.
   */
  readonly counter: { readonly before: number; readonly after: number };
}

export type EventData = Readonly<Record<string, unknown>>;
export const dataOf = (event: StoredEvent): EventData => event.data as EventData;

/** The runner reports' fold events; `ReportDiscarded` records one that changed nothing. */
export const FOLDED_TYPES = new Set(['TaskStarted', 'TaskProgressed', 'TaskSucceeded', 'TaskFailed']);
export const TERMINAL_TYPES = new Set(['TaskSucceeded', 'TaskFailed']);
