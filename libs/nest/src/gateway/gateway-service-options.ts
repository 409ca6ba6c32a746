import { DEFAULT_RETENTION_MS, FileSessionArchive, type GatewayOptions, type SessionArchive } from '@aside/engine';
import type { AgentGatewayModuleOptions } from './agent-gateway.options.js';
import type { DistributedAdapters } from './distributed-adapters.js';

/**
 * The engine's late-result and retention options from the module's (DESIGN.md §4): in
 * distributed mode their indexes live in Redis, so a restarted gateway or the next owner of a
 * partition finds the pending deliveries and the closed sessions; in embedded mode, in memory.
 * The closed-session index is kept in distributed mode even while retention is off.
 */
export function gatewayServiceOptions(
  options: Pick<AgentGatewayModuleOptions, 'lateResults' | 'retention'>,
  distributed: Pick<DistributedAdapters, 'closedSessions' | 'lateResultOutbox'> | undefined,
): Pick<GatewayOptions, 'lateResults' | 'retention' | 'closedSessions'> {
  const { lateResults, retention } = options;
  return {
    // Indexed in Redis even while retention is off: turning it on later sweeps what closed meanwhile.
    ...(distributed ? { closedSessions: distributed.closedSessions } : {}),
    ...(lateResults ? { lateResults: { ...lateResults, ...(distributed ? { outbox: distributed.lateResultOutbox } : {}) } } : {}),
    ...(retention
      ? {
          retention: {
            archive: retention.archive ?? (retention.archiveDir ? new FileSessionArchive(retention.archiveDir) : noArchive),
            retentionMs: retention.retentionMs ?? DEFAULT_RETENTION_MS,
            ...(retention.sweepEveryMs !== undefined ? { sweepEveryMs: retention.sweepEveryMs } : {}),
          },
        }
      : {}),
  };
}

/** Retention without a place for the archives: the gateway's start fails with this line (its connections closed). */
const noArchive: SessionArchive = {
  ready: () => Promise.reject(new Error('AgentGatewayModule: retention needs `archiveDir` or `archive` (sessions are archived before they are deleted)')),
  store: () => Promise.reject(new Error('no archive configured')),
};
