import { parseSessionId } from '@aside/events';
import { SessionDeletedError, type EventStore, type StoredEvent } from '@aside/events/store';
import { pendingLateDeliveries } from '@aside/domain';
import type { LateResultOutbox } from '../late-results/late-result-outbox.js';
import type { EngineLogger } from '../reactors/reactor-context.js';
import type { Clock } from '../sessions/clock.js';
import type { SessionEngine } from '../sessions/session-engine.js';
import type { ClosedSessionIndex } from './closed-session-index.js';
import type { ClosedSessionTracking } from './closed-session-tracking.js';
import type { RetentionSettings } from './retention-options.js';

export interface RetentionSweeperParts {
  readonly store: EventStore;
  readonly engine: SessionEngine;
  readonly ownership: ClosedSessionTracking;
  readonly index: ClosedSessionIndex;
  readonly clock: Clock;
  readonly logger: EngineLogger;
  readonly settings: RetentionSettings;
  readonly lateResults?: LateResultOutbox;
}

/** What one sweep did with each due session. */
export type RetireOutcome = 'retired' | 'late_results_pending' | 'gone' | 'not_closed' | 'not_owner' | 'failed';

export interface SweepReport {
  readonly sessions: readonly { readonly sessionId: string; readonly outcome: RetireOutcome }[];
}

/**
 * Retention (DESIGN.md §4): the owner of a partition archives each session closed longer ago
 * than the retention period, then deletes it whole — every key of the session, its entries in
 * the closed-session and late-result indexes; only the store's tombstone stays, refusing any
 * later append. Safe to repeat and to crash anywhere: archive first, delete second, both
 * idempotent, and the session leaves the index last. A session with late results still being
 * delivered is kept until they are delivered or abandoned.
 */
export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepReport> | undefined;
  private closed = false;

  constructor(private readonly parts: RetentionSweeperParts) {}

  /** Checks the archive can be written (a misconfigured one fails the gateway's start), then sweeps periodically. */
  async start(): Promise<void> {
    await this.parts.settings.archive.ready?.();
    this.timer = setInterval(() => void this.sweep(), this.parts.settings.sweepEveryMs);
    this.timer.unref();
  }

  /** One sweep of every partition owned now; a sweep asked for while one runs joins it. */
  sweep(): Promise<SweepReport> {
    this.running ??= this.sweepOwned().finally(() => (this.running = undefined));
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async sweepOwned(): Promise<SweepReport> {
    const { ownership, index, clock, logger, settings } = this.parts;
    await ownership.settled();
    const closedBy = clock.now().getTime() - settings.retentionMs;
    const sessions: { sessionId: string; outcome: RetireOutcome }[] = [];
    for (const partition of ownership.owned()) {
      // Oldest first; a session kept for its late results stays at the head until they settle
      // (bounded by the late-result policy's deadline).
      const due = await index.due(partition, closedBy, settings.batchSize).catch((error: unknown) => {
        logger.warn({ partition, err: error }, 'closed sessions not listed; swept next time');
        return [];
      });
      for (const sessionId of due) {
        if (this.closed) break;
        const outcome = await this.retire(sessionId, partition).catch((error: unknown): RetireOutcome => {
          logger.error({ sessionId, err: error }, 'closed session not retired; tried again next sweep');
          return 'failed';
        });
        if (outcome === 'retired') logger.info({ sessionId }, 'closed session archived and deleted');
        sessions.push({ sessionId, outcome });
      }
    }
    return { sessions };
  }

  /** In the session's turn, so no command of this gateway appends between the read and the delete. */
  private retire(sessionId: string, partition: number): Promise<RetireOutcome> {
    const { store, engine, ownership, index, settings, lateResults } = this.parts;
    return engine.exclusively(sessionId, async ({ state, position }) => {
      const token = ownership.tokenFor(partition);
      if (token === undefined || parseSessionId(sessionId)?.partition !== partition) return 'not_owner';
      if (state.status === 'none') {
        engine.evict(sessionId); // deleted already (a crash before it left the index), or never started
        await index.remove(sessionId, partition);
        return 'gone';
      }
      if (state.status !== 'closed') {
        await index.remove(sessionId, partition); // indexed again when it closes
        return 'not_closed';
      }
      if (pendingLateDeliveries(state).length > 0) return 'late_results_pending';
      try {
        // Proves this gateway is still the partition's newest owner (FencedError otherwise).
        await store.fence(sessionId, token);
      } catch (error) {
        if (!(error instanceof SessionDeletedError)) throw error;
        engine.evict(sessionId);
        await index.remove(sessionId, partition);
        return 'gone';
      }
      const events = await readWholeLog(store, sessionId);
      if (events.length !== position) throw new Error(`The log of ${sessionId} has ${events.length} events where ${position} were folded`);
      await settings.archive.store(sessionId, events.map((event) => JSON.stringify(event)));
      await store.deleteSession(sessionId);
      engine.evict(sessionId);
      await lateResults?.remove(sessionId, partition);
      await ownership.forget(sessionId, partition); // already untracked when it closed, unless that write failed
      await index.remove(sessionId, partition);
      return 'retired';
    });
  }
}

async function readWholeLog(store: EventStore, sessionId: string): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readLog(sessionId, { after, limit: 1_000 });
    events.push(...page.events);
    if (page.next === null) return events;
    after = page.next;
  }
}
