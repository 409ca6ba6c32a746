import type { Actor } from '@aside/events';
import type { EventStore } from '@aside/events/store';
import type { LateResultPolicy } from '@aside/domain';
import { LateResultDispatcher } from '../late-results/late-result-dispatcher.js';
import { lateResultsSettings, type LateResultsOptions } from '../late-results/late-results-options.js';
import { SoleOwnership, type OwnershipListener, type PartitionOwnership } from '../ownership/partition-ownership.js';
import type { EngineLogger } from '../reactors/reactor-context.js';
import { InMemoryClosedSessionIndex, type ClosedSessionIndex } from '../retention/closed-session-index.js';
import { ClosedSessionTracking } from '../retention/closed-session-tracking.js';
import { retentionSettings, type RetentionOptions } from '../retention/retention-options.js';
import { RetentionSweeper } from '../retention/retention-sweeper.js';
import type { Clock } from '../sessions/clock.js';
import type { SessionEngine } from '../sessions/session-engine.js';

export interface GatewayServiceOptions {
  readonly ownership?: PartitionOwnership;
  readonly partitions?: number;
  readonly lateResults?: LateResultsOptions;
  readonly retention?: RetentionOptions;
  readonly closedSessions?: ClosedSessionIndex;
}

export interface GatewayServices {
  readonly lateResults: LateResultDispatcher | undefined;
  readonly retention: RetentionSweeper | undefined;
}

/**
 * Retention and late-result webhooks (DESIGN.md §4), composed around the gateway's engine in
 * two steps: before the engine exists, the ownership it uses (with retention, untracking a
 * closed session indexes it for the sweep first) and the domain's retry policy; after, the two
 * services. Options are checked here, so a bad one fails the gateway's construction.
 */
export function prepareGatewayServices(options: GatewayServiceOptions, clock: Clock) {
  const retention = options.retention ? retentionSettings(options.retention) : undefined;
  const late = options.lateResults ? lateResultsSettings(options.lateResults) : undefined;
  const index = options.closedSessions ?? new InMemoryClosedSessionIndex();
  const owned = options.ownership ?? new SoleOwnership(options.partitions ?? 1);
  // A durable index is kept even while retention is off, so that turning it on later finds every session closed meanwhile.
  const tracking = retention || options.closedSessions ? new ClosedSessionTracking(owned, index, clock) : undefined;
  const ownership: PartitionOwnership = tracking ?? owned;
  const lateResultPolicy: LateResultPolicy | undefined = late?.policy;

  const attach = (parts: { readonly engine: SessionEngine; readonly store: EventStore; readonly actor: Actor; readonly logger: EngineLogger }): GatewayServices => {
    const { engine, logger } = parts;
    const outbox = options.lateResults?.outbox;
    const lateResults = late
      ? new LateResultDispatcher({ engine, ownership, clock, logger, actor: parts.actor, settings: late, ...(outbox ? { outbox } : {}) })
      : undefined;
    const sweeper =
      retention && tracking
        ? new RetentionSweeper({ engine, store: parts.store, ownership: tracking, index, clock, logger, settings: retention, ...(lateResults ? { lateResults: lateResults.outbox } : {}) })
        : undefined;
    return { lateResults, retention: sweeper };
  };
  return { ownership, lateResultPolicy, attach };
}

/** The partition takeover, then the late results of the partition (its sessions are fenced and rebuilt by then). */
export function withServices(takeover: OwnershipListener, services: GatewayServices): OwnershipListener {
  const { lateResults } = services;
  if (!lateResults) return takeover;
  return {
    acquired: async (partition, token) => {
      await takeover.acquired(partition, token);
      await lateResults.acquired(partition);
    },
    lost: async (partition) => {
      await lateResults.lost(partition);
      await takeover.lost(partition);
    },
  };
}
