/**
 * Where retention puts a closed session's log before deleting it (DESIGN.md §4): one stored
 * event per line, as JSON, in log order. The file-system adapter is FileSessionArchive.
 */
export interface SessionArchive {
  /** Checks, at boot, that archives can be written (e.g. the directory exists and is writable). */
  ready?(): Promise<void>;
  /**
   * Stores the lines durably before resolving. Idempotent: the same log again changes nothing;
   * a log that grew since an earlier archive (a crash between archiving and deleting, then a
   * late report) replaces it; anything else is an ArchiveConflictError — an archive is never
   * rewritten to say something different.
   */
  store(sessionId: string, lines: readonly string[]): Promise<'written' | 'unchanged'>;
}

/** An archive of the session exists and the log no longer extends it: kept, and the session is not deleted. */
export class ArchiveConflictError extends Error {
  constructor(
    readonly sessionId: string,
    readonly location: string,
  ) {
    super(`The archive of session ${sessionId} (${location}) differs from its log; neither is touched`);
    this.name = 'ArchiveConflictError';
  }
}
