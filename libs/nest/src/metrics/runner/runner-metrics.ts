import type { RunnerAttemptOutcome, ToolRunnerObserver } from '@aside/bullmq';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { createMetricsRegistry } from '../metrics-registry.js';

/** Tool bodies run from milliseconds to many minutes. */
const JOB_SECONDS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1_800];
/** The `tool` label of a job whose tool this runner does not serve, and of one that is not a valid job: labels stay bounded. */
export const UNKNOWN_TOOL_LABEL = '(unknown)';
export const MALFORMED_JOB_LABEL = '(malformed)';

/**
 * A tool runner's Prometheus series (docs/operations.md, "Metrics") on a registry of its own,
 * fed by the `ToolRunnerWorker`'s observer: attempts by tool and outcome, their duration, the
 * attempts running now, and the reports written to the inboxes or not.
 */
export class RunnerMetrics {
  readonly registry: Registry;
  private readonly jobs: Counter<'tool' | 'outcome'>;
  private readonly duration: Histogram<'tool' | 'outcome'>;
  private readonly active: Gauge<'tool'>;
  private readonly reportsSent: Counter<'report'>;
  private readonly reportsFailed: Counter<'report'>;

  constructor() {
    const registers = [(this.registry = createMetricsRegistry('aside_runner_'))];
    this.jobs = new Counter({ name: 'aside_runner_jobs_total', help: 'Job attempts ended on this runner, by tool and outcome (succeeded, failed, cancelled, retrying, handed_back, refused, error)', labelNames: ['tool', 'outcome'], registers });
    this.duration = new Histogram({ name: 'aside_runner_job_duration_seconds', help: 'Job attempts on this runner, from taken to ended, by tool and outcome', labelNames: ['tool', 'outcome'], buckets: JOB_SECONDS, registers });
    this.active = new Gauge({ name: 'aside_runner_jobs_active', help: 'Job attempts running on this runner now, by tool', labelNames: ['tool'], registers });
    this.reportsSent = new Counter({ name: 'aside_runner_reports_sent_total', help: 'Reports written to an inbox, by type (started, progress, succeeded, failed)', labelNames: ['report'], registers });
    this.reportsFailed = new Counter({ name: 'aside_runner_reports_failed_total', help: 'Reports that could not be written to an inbox (the attempt is then retried), by type', labelNames: ['report'], registers });
  }

  /** The worker's observer, for a runner serving `tools` (their series start at zero). */
  observer(tools: readonly string[]): ToolRunnerObserver {
    const served = new Set(tools);
    for (const tool of served) this.active.set({ tool }, 0);
    const label = (tool: string | null): string => (tool === null ? MALFORMED_JOB_LABEL : served.has(tool) ? tool : UNKNOWN_TOOL_LABEL);
    return {
      attemptStarted: (tool) => this.active.inc({ tool: label(tool) }),
      attemptEnded: (tool, outcome: RunnerAttemptOutcome, durationMs) => {
        const labels = { tool: label(tool), outcome };
        this.active.dec({ tool: labels.tool });
        this.jobs.inc(labels);
        this.duration.observe(labels, durationMs / 1_000);
      },
      reportWritten: (report, written) => (written ? this.reportsSent : this.reportsFailed).inc({ report }),
    };
  }
}
