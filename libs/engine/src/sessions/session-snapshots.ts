import { streamName } from '@aside/events';
import type { EventStore } from '@aside/events/store';
import type { SessionState } from '@aside/domain';
import { SESSION_CATEGORY } from './event-mapping.js';

/**
 * The shape of a saved `SessionState`. Bump it whenever that shape changes: a snapshot of
 * another revision is ignored (the session is rebuilt from its whole log), never migrated.
 */
export const SESSION_STATE_REVISION = 1;

interface SavedSession {
  /** The log position the state was folded up to. */
  readonly position: number;
  readonly state: SessionState;
}

export interface LoadedSession {
  readonly state: SessionState;
  readonly position: number;
}

/**
 * Session snapshots (DESIGN.md §2: an optimisation, never needed for correctness): a session
 * whose log grew by `every` events since its last snapshot is saved whole, so a new owner
 * rebuilds it from the snapshot plus the log's tail. Kept under the session stream (whose
 * version the store checks), with the log position inside.
 */
export class SessionSnapshots {
  private readonly savedAt = new Map<string, number>();

  constructor(
    private readonly store: EventStore,
    private readonly every: number,
  ) {}

  async load(sessionId: string): Promise<LoadedSession | undefined> {
    if (this.every <= 0) return undefined;
    const snapshot = await this.store.loadSnapshot(streamName(SESSION_CATEGORY, sessionId), SESSION_STATE_REVISION);
    if (snapshot === null) return undefined;
    const saved = snapshot.state as SavedSession;
    this.savedAt.set(sessionId, saved.position);
    return { state: saved.state, position: saved.position };
  }

  /** Saves in the background when due; a failed save only costs a longer rebuild later. */
  saveIfDue(sessionId: string, state: SessionState, position: number, onError: (error: unknown) => void): void {
    if (this.every <= 0 || position - (this.savedAt.get(sessionId) ?? 0) < this.every) return;
    this.savedAt.set(sessionId, position);
    void this.save(sessionId, state, position).catch(onError);
  }

  forget(sessionId: string): void {
    this.savedAt.delete(sessionId);
  }

  private async save(sessionId: string, state: SessionState, position: number): Promise<void> {
    const stream = streamName(SESSION_CATEGORY, sessionId);
    const version = await this.store.streamVersion(stream);
    const saved: SavedSession = { position, state };
    await this.store.saveSnapshot({ stream, version, schemaRevision: SESSION_STATE_REVISION, state: saved });
  }
}
