import { DEPTH_SAMPLE_LIMIT, type BullMqTaskQueue, type InboxBacklog, type QueueDepth } from '@aside/bullmq';
import type { PartitionOwnership } from '@aside/engine';
import { Gauge, type Registry } from 'prom-client';
import { ScrapeRead } from '../scrape-read.js';

/** What the gateway's gauges read when scraped. */
export interface GatewayScrapeSources {
  readonly ownership: Pick<PartitionOwnership, 'owned' | 'sessionsOf'>;
  /** Distributed mode's task queue (inboxes, tool queue); absent in embedded mode, whose series are then left out. */
  readonly queue?: Pick<BullMqTaskQueue, 'inboxBacklogs' | 'depth'>;
}

type Backlogs = readonly (InboxBacklog & { readonly partition: number })[];

/**
 * Gauges read at scrape time, each source once per scrape and within the deadline: the sessions
 * this gateway serves, the backlog of the inboxes it consumes, the tool queue's jobs. A source
 * that fails or is late (Redis away) leaves its series out and reports
 * `aside_metrics_source_up{source} 0`, so the scrape itself still answers.
 */
export class ScrapeTimeGauges {
  private sources: GatewayScrapeSources | undefined;
  private readonly sessions: ScrapeRead<number>;
  private readonly inboxes: ScrapeRead<Backlogs>;
  private readonly depth: ScrapeRead<QueueDepth | undefined>;

  constructor(registry: Registry, deadlineMs: number) {
    this.sessions = new ScrapeRead(() => this.countOwnedSessions(), deadlineMs);
    this.inboxes = new ScrapeRead(async () => (await this.required().queue?.inboxBacklogs()) ?? [], deadlineMs);
    this.depth = new ScrapeRead(async () => this.required().queue?.depth(), deadlineMs);
    const registers = [registry];
    const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (gauge: Gauge<L>) => Promise<void> | void) => {
      const made: Gauge<L> = new Gauge<L>({
        name,
        help,
        labelNames,
        registers,
        collect: async () => {
          made.reset();
          if (this.sources) await fill(made);
        },
      });
    };

    gauge('aside_partitions_owned', 'Partitions this gateway holds the lease of', [], (g) => g.set(this.required().ownership.owned().length));
    gauge('aside_sessions_owned', 'Open sessions in the partitions this gateway owns (the sessions it serves)', [], async (g) => {
      const count = await this.sessions.get();
      if (count !== undefined) g.set(count);
    });
    gauge('aside_inbox_lag_entries', 'Reports in a partition inbox not yet delivered to the gateways (XINFO GROUPS lag)', ['partition'], async (g) => {
      for (const inbox of (await this.inboxes.get()) ?? []) if (inbox.lag !== null) g.set({ partition: String(inbox.partition) }, inbox.lag);
    });
    gauge('aside_inbox_pending_entries', 'Reports delivered to a gateway and not yet acknowledged (being folded, or refused and waiting)', ['partition'], async (g) => {
      for (const inbox of (await this.inboxes.get()) ?? []) g.set({ partition: String(inbox.partition) }, inbox.pending);
    });
    gauge('aside_inbox_oldest_pending_age_seconds', 'Age of the oldest pending report of a partition inbox (0 when none is pending)', ['partition'], async (g) => {
      const now = Date.now();
      for (const inbox of (await this.inboxes.get()) ?? []) {
        g.set({ partition: String(inbox.partition) }, inbox.oldestPendingAtMs === null ? 0 : Math.max(0, now - inbox.oldestPendingAtMs) / 1_000);
      }
    });
    gauge('aside_queue_jobs', 'Jobs of the tool queue by state (waiting, prioritized, delayed, active, failed)', ['queue', 'state'], async (g) => {
      const depth = await this.depth.get();
      if (depth) for (const [state, count] of Object.entries(depth.jobs)) g.set({ queue: depth.queue, state }, count);
    });
    gauge('aside_queue_jobs_by_tool', `Jobs of the tool queue by tool and state (waiting, prioritized, delayed, active), over the first ${DEPTH_SAMPLE_LIMIT} of each state`, ['queue', 'tool', 'state'], async (g) => {
      const depth = await this.depth.get();
      if (depth) for (const { tool, state, count } of depth.byTool) g.set({ queue: depth.queue, tool, state }, count);
    });
    gauge('aside_metrics_source_up', 'Whether a source read at scrape time answered within the deadline (sessions; inbox and queue in distributed mode)', ['source'], async (g) => {
      const reads: [string, ScrapeRead<unknown>][] = [['sessions', this.sessions]];
      if (this.sources?.queue) reads.push(['inbox', this.inboxes], ['queue', this.depth]);
      await Promise.all(reads.map(async ([source, read]) => g.set({ source }, (await read.get()) === undefined ? 0 : 1)));
    });
  }

  attach(sources: GatewayScrapeSources): void {
    this.sources = sources;
  }

  detach(): void {
    this.sources = undefined;
  }

  private required(): GatewayScrapeSources {
    if (!this.sources) throw new Error('The gateway metrics are not attached to a gateway');
    return this.sources;
  }

  private async countOwnedSessions(): Promise<number> {
    const { ownership } = this.required();
    const sessions = await Promise.all(ownership.owned().map((partition) => ownership.sessionsOf(partition)));
    return sessions.reduce((total, ids) => total + ids.length, 0);
  }
}
