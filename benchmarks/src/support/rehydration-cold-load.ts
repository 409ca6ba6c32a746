import type { DeciderContext, SessionState } from '@aside/domain';
import { SessionEngine, systemClock } from '@aside/engine';
import { RedisEventStore, type Page, type ReadLogOptions, type StoredEvent } from '@aside/events/store';

/**
 * The Redis store, noting where each session's first log read of a load starts: 0 for a full
 * replay, the snapshot's position when the engine started from a snapshot. That is how the
 * bench proves which path a load took, through the store port alone.
 */
export class LogReadObservingStore extends RedisEventStore {
  private readonly firstReadAfter = new Map<string, number>();

  override readLog(sessionId: string, options?: ReadLogOptions): Promise<Page<StoredEvent>> {
    if (!this.firstReadAfter.has(sessionId)) this.firstReadAfter.set(sessionId, options?.after ?? 0);
    return super.readLog(sessionId, options);
  }

  /** Where the session's first log read since the last call started (undefined: none). */
  takeFirstReadAfter(sessionId: string): number | undefined {
    const after = this.firstReadAfter.get(sessionId);
    this.firstReadAfter.delete(sessionId);
    return after;
  }
}

export interface ColdLoad {
  readonly ms: number;
  readonly state: SessionState;
  readonly position: number;
  /** The log position replay started after: the snapshot's, or 0 for a full replay. */
  readonly replayedAfter: number;
}

/**
 * What a gateway does for a session it has not got in memory (a takeover, a restart): a fresh
 * `SessionEngine` with an empty cache loads the session — the latest snapshot and the log's tail
 * when `snapshotEvery` > 0, the whole log otherwise. Timed from the call to the loaded state.
 */
export async function coldLoad(store: LogReadObservingStore, context: DeciderContext, sessionId: string, snapshotEvery: number): Promise<ColdLoad> {
  const engine = new SessionEngine(store, context, systemClock, { snapshotEvery });
  store.takeFirstReadAfter(sessionId);
  const started = performance.now();
  const { state, position } = await engine.snapshot(sessionId);
  const ms = performance.now() - started;
  return { ms, state, position, replayedAfter: store.takeFirstReadAfter(sessionId) ?? position };
}
