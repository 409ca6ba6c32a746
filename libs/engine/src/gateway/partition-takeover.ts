import { parseSessionId } from '@aside/events';
import { SessionDeletedError, type EventStore, type FencingToken } from '@aside/events/store';
import type { OwnershipListener, PartitionOwnership } from '../ownership/partition-ownership.js';
import type { EngineLogger } from '../reactors/reactor-context.js';
import type { SessionReactor } from '../reactors/session-reactor.js';
import type { SessionEngine } from '../sessions/session-engine.js';
import type { TaskQueue } from '../task-queue/task-queue.js';

export interface PartitionTakeoverParts {
  readonly store: EventStore;
  readonly engine: SessionEngine;
  readonly reactor: SessionReactor;
  readonly queue: TaskQueue;
  readonly ownership: PartitionOwnership;
  readonly logger: EngineLogger;
}

/**
 * What a gateway does when a partition becomes its own, or stops being (DESIGN.md §4).
 *
 * Taking over: every open session of the partition is fenced with the new epoch first (from
 * then on the former owner's appends are refused, even for a session the new owner has not
 * touched yet), then rebuilt from its log and followed by the reactor — which re-drives
 * whatever the log still asks for: a reply being generated, a task to enqueue, a delivery
 * started but unfinished (its recorded text and `deliveryId` are in the log) — and last the
 * partition's inbox is consumed, so reports fold into sessions that are already resumed.
 *
 * Letting go: the inbox first (no fold starts any more), then every session of the partition
 * is forgotten, so nothing is decided on a state the next owner may change.
 */
export class PartitionTakeover implements OwnershipListener {
  constructor(private readonly parts: PartitionTakeoverParts) {}

  async acquired(partition: number, token: FencingToken): Promise<void> {
    const { store, engine, reactor, queue, ownership, logger } = this.parts;
    const sessions: string[] = [];
    for (const sessionId of await ownership.sessionsOf(partition)) {
      try {
        await store.fence(sessionId, token); // a FencedError means a newer owner exists: the takeover fails, the lease goes back
        sessions.push(sessionId);
      } catch (error) {
        if (!(error instanceof SessionDeletedError)) throw error;
        await ownership.untrackSession(sessionId, partition);
      }
    }
    engine.evictPartition(partition);
    for (const sessionId of sessions) {
      const state = await engine.state(sessionId);
      if (state.status === 'active') reactor.watch(sessionId);
      else await ownership.untrackSession(sessionId, partition); // closed, or never started (a crash before its first commit)
    }
    await queue.attachPartition?.(partition);
    logger.info({ partition, epoch: token.epoch, sessions: sessions.length }, 'partition taken over');
  }

  async lost(partition: number): Promise<void> {
    const { engine, reactor, queue, logger } = this.parts;
    await queue.detachPartition?.(partition);
    for (const sessionId of reactor.watchedSessions()) {
      if (parseSessionId(sessionId)?.partition === partition) reactor.unwatch(sessionId);
    }
    engine.evictPartition(partition);
    logger.info({ partition }, 'partition let go');
  }
}
