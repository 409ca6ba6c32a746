import type { FoldedReport } from '@aside/bullmq';
import type { Committed, Gateway } from '@aside/engine';
import type { EventStore } from '@aside/events/store';
import { Counter, Histogram, type Registry } from 'prom-client';
import { createMetricsRegistry } from '../metrics-registry.js';
import { DEFAULT_SCRAPE_DEADLINE_MS } from '../scrape-read.js';
import { DeliveryStarts } from './delivery-starts.js';
import { ScrapeTimeGauges, type GatewayScrapeSources } from './scrape-time-gauges.js';
import { sessionMetricUpdates, type SessionMetricUpdate } from './session-metric-updates.js';
import { TimedEventStore, type AppendOutcome } from './timed-event-store.js';

/** What `createGateway` plugs in: the store decorator, the inbox fold hook, and the started gateway to observe. */
export interface GatewayInstrumentation {
  eventStore(store: EventStore): EventStore;
  reportFolded(folded: FoldedReport): void;
  /** Observes the gateway's commits and reads its queue and ownership at scrape time; answers a detach. */
  started(gateway: Gateway, sources: GatewayScrapeSources): () => void;
}

export interface GatewayMetricsOptions {
  /** How long a scrape waits for Redis (inbox, queue, owned sessions). Default 1 s. */
  readonly scrapeDeadlineMs?: number;
  /** The clock of commits and folds (tests). Default `Date.now`. */
  readonly nowMs?: () => number;
}

/** Tool bodies run from milliseconds to many minutes. */
const TASK_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1_800];
/** A report's trip from the runner's write to the fold's commit: milliseconds when all is well. */
const FOLD_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** The model generating the reply is most of it. */
const DELIVERY_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60];
const APPEND_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * The gateway's Prometheus series (docs/operations.md, "Metrics") on a registry of its own.
 * Session metrics are read from committed events (one listener, `sessionMetricUpdates`), the
 * append latency from a decorator on the event store, the fold latency from the inbox
 * consumer's hook; Redis-backed gauges are read when scraped.
 */
export class GatewayMetrics implements GatewayInstrumentation {
  readonly registry: Registry;
  private readonly nowMs: () => number;
  private readonly deliveries = new DeliveryStarts();
  private readonly gauges: ScrapeTimeGauges;
  private readonly tasks: Counter<'tool' | 'state'>;
  private readonly taskUpdates: Counter<'tool'>;
  private readonly taskFailures: Counter<'tool' | 'kind'>;
  private readonly taskDuration: Histogram<'tool' | 'outcome'>;
  private readonly replies: Counter<'outcome' | 'reason'>;
  private readonly deliveryLatency: Histogram<'mode'>;
  private readonly foldLatency: Histogram<'report'>;
  private readonly appendDuration: Histogram<'outcome'>;

  constructor(options: GatewayMetricsOptions = {}) {
    this.nowMs = options.nowMs ?? Date.now;
    const registers = [(this.registry = createMetricsRegistry('aside_gateway_'))];
    this.tasks = new Counter({ name: 'aside_tasks_total', help: 'Task transitions committed, by tool and state (requested, started = an attempt began, succeeded, failed, cancelled)', labelNames: ['tool', 'state'], registers });
    this.taskUpdates = new Counter({ name: 'aside_task_updates_total', help: 'Progress updates (ctx.update) folded into tasks, by tool', labelNames: ['tool'], registers });
    this.taskFailures = new Counter({ name: 'aside_task_failures_total', help: 'Tasks that failed, by tool and kind (tool_error, internal, timeout, cancelled)', labelNames: ['tool', 'kind'], registers });
    this.taskDuration = new Histogram({ name: 'aside_task_duration_seconds', help: 'From a task being requested to its end, by tool and outcome', labelNames: ['tool', 'outcome'], buckets: TASK_SECONDS, registers });
    this.replies = new Counter({ name: 'aside_replies_total', help: 'Deferred replies by outcome (spoken, interrupted, empty, failed, dropped with reason)', labelNames: ['outcome', 'reason'], registers });
    this.deliveryLatency = new Histogram({ name: 'aside_reply_delivery_latency_seconds', help: "From a deferred reply's delivery starting (the agent became idle) to its speech starting, by delivery mode", labelNames: ['mode'], buckets: DELIVERY_SECONDS, registers });
    this.foldLatency = new Histogram({ name: 'aside_report_fold_latency_seconds', help: "From a runner writing a report to the inbox (Redis' clock) to its fold being committed, by report type", labelNames: ['report'], buckets: FOLD_SECONDS, registers });
    this.appendDuration = new Histogram({ name: 'aside_event_store_append_duration_seconds', help: 'Event-store appends (one per commit) by outcome (ok, duplicate, conflict, fenced, error)', labelNames: ['outcome'], buckets: APPEND_SECONDS, registers });
    this.gauges = new ScrapeTimeGauges(this.registry, options.scrapeDeadlineMs ?? DEFAULT_SCRAPE_DEADLINE_MS);
  }

  eventStore(store: EventStore): EventStore {
    return new TimedEventStore(store, (outcome, seconds) => this.appended(outcome, seconds));
  }

  reportFolded(folded: FoldedReport): void {
    this.foldLatency.observe({ report: folded.message.report.type }, Math.max(0, this.nowMs() - folded.writtenAtMs) / 1_000);
  }

  started(gateway: Gateway, sources: GatewayScrapeSources): () => void {
    this.gauges.attach(sources);
    const stop = gateway.engine.onCommitted((committed) => this.committed(committed));
    return () => {
      stop();
      this.gauges.detach();
    };
  }

  /** One commit's events as series updates. */
  private committed(committed: Committed): void {
    for (const update of sessionMetricUpdates(committed, this.nowMs(), this.deliveries)) this.apply(update);
  }

  private appended(outcome: AppendOutcome, seconds: number): void {
    this.appendDuration.observe({ outcome }, seconds);
  }

  private apply(update: SessionMetricUpdate): void {
    switch (update.metric) {
      case 'task':
        return this.tasks.inc({ tool: update.tool, state: update.state });
      case 'taskUpdate':
        return this.taskUpdates.inc({ tool: update.tool });
      case 'taskFailure':
        return this.taskFailures.inc({ tool: update.tool, kind: update.kind });
      case 'taskDuration':
        return this.taskDuration.observe({ tool: update.tool, outcome: update.outcome }, update.seconds);
      case 'reply':
        return this.replies.inc(update.reason === undefined ? { outcome: update.outcome } : { outcome: update.outcome, reason: update.reason });
      case 'deliveryLatency':
        return this.deliveryLatency.observe({ mode: update.mode }, update.seconds);
    }
  }
}
