import { createAgentRegistry, type SessionState } from '@aside/domain';
import { SessionEngine, systemClock } from '@aside/engine';
import type { EventStore, ReadLogOptions } from '@aside/events/store';

export interface EngineLoad {
  readonly state: SessionState;
  /** The log position the state was folded up to. */
  readonly position: number;
  /** Where its fold of the log began: the snapshot's position, 0 when no snapshot was used. */
  readonly snapshotPosition: number;
}

/**
 * The session as a gateway taking it over would load it: the engine's own code path (latest
 * snapshot of the current schema revision, then the log's tail), not a copy of it. The engine
 * is never asked to decide, so it needs no agents; the first log read it makes tells where its
 * snapshot left off.
 */
export async function loadLikeTheEngine(store: EventStore, sessionId: string): Promise<EngineLoad> {
  let firstRead: number | undefined;
  const observed: EventStore = {
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    readLog: (id: string, options?: ReadLogOptions) => {
      firstRead ??= options?.after ?? 0;
      return store.readLog(id, options);
    },
    streamVersion: (stream) => store.streamVersion(stream),
    logPosition: (id) => store.logPosition(id),
    subscribeToLog: (...args) => store.subscribeToLog(...args),
    fence: (...args) => store.fence(...args),
    saveSnapshot: (snapshot) => store.saveSnapshot(snapshot),
    loadSnapshot: (stream, revision) => store.loadSnapshot(stream, revision),
    deleteSession: (id) => store.deleteSession(id),
    close: async () => undefined, // the caller's store
  };
  const engine = new SessionEngine(observed, { registry: createAgentRegistry([]) }, systemClock);
  const { state, position } = await engine.snapshot(sessionId);
  return { state, position, snapshotPosition: firstRead ?? position };
}
