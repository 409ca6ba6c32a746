/** What the soak counts; every one of them must stay 0. */
export interface FaultCounts {
  /** Tasks whose successful result never reached the user: not folded, ended failed, or never spoken. */
  readonly lostResults: number;
  /** A report folded twice, a task ended twice, a result written or spoken twice, a delivery replayed. */
  readonly duplicateReplies: number;
  /** Session logs with gaps, positions or versions out of sequence, events failing the catalogue or the envelope. */
  readonly corruptLogs: number;
  /** Session logs telling an impossible story: a result before its task, an update after the end, a reply before its result. */
  readonly outOfOrderLogs: number;
}

export const NO_FAULTS: FaultCounts = { lostResults: 0, duplicateReplies: 0, corruptLogs: 0, outOfOrderLogs: 0 };

export function addCounts(a: FaultCounts, b: FaultCounts): FaultCounts {
  return {
    lostResults: a.lostResults + b.lostResults,
    duplicateReplies: a.duplicateReplies + b.duplicateReplies,
    corruptLogs: a.corruptLogs + b.corruptLogs,
    outOfOrderLogs: a.outOfOrderLogs + b.outOfOrderLogs,
  };
}

export function faultTotal(counts: FaultCounts): number {
  return counts.lostResults + counts.duplicateReplies + counts.corruptLogs + counts.outOfOrderLogs;
}

/** One session's counts, with a line per problem found (for the report's failure details). */
export interface SessionVerdict {
  readonly sessionId: string;
  readonly counts: FaultCounts;
  readonly problems: readonly string[];
}
