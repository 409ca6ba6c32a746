import { faultTotal, type FaultCounts } from './checker/fault-counts.js';

/** What one scenario found. Every count must be 0. */
export interface ScenarioReport extends FaultCounts {
  readonly name: string;
  /** What was injected and when. */
  readonly injects: string;
  readonly iterationsRequested: number;
  /** Fewer than requested when the scenario's time budget ran out. */
  readonly iterationsRun: number;
  /** Iterations whose steps did not complete (results not delivered in time, a process that would not start…). */
  readonly failedIterations: number;
  /** Gateways and runners that died without being the victim. */
  readonly unexpectedExits: number;
  readonly durationMs: number;
  /** The first few problems, each naming its iteration and session. */
  readonly failures: readonly string[];
}

export interface FaultSuiteReport {
  /** Picks every fault's variant and moment: the same seed replays the same choices. */
  readonly seed: number;
  readonly scenarios: readonly ScenarioReport[];
  readonly durationMs: number;
}

/** Nothing lost, doubled, corrupt or out of order; every iteration ran to its end; no process died unasked. */
export function isClean(report: FaultSuiteReport): boolean {
  return report.scenarios.every((scenario) => faultTotal(scenario) + scenario.failedIterations + scenario.unexpectedExits === 0 && scenario.iterationsRun === scenario.iterationsRequested);
}

/** The report as a Markdown table (one row per scenario), then each scenario's first failures. */
export function renderFaultSuiteMarkdown(report: FaultSuiteReport): string {
  const header = '| scenario | iterations | lost results | duplicate replies | corrupt logs | out-of-order logs | failed iterations | unexpected exits | duration |';
  const rows = report.scenarios.map((scenario) =>
    [
      scenario.name,
      scenario.iterationsRun === scenario.iterationsRequested ? `${scenario.iterationsRun}` : `${scenario.iterationsRun} of ${scenario.iterationsRequested}`,
      scenario.lostResults,
      scenario.duplicateReplies,
      scenario.corruptLogs,
      scenario.outOfOrderLogs,
      scenario.failedIterations,
      scenario.unexpectedExits,
      formatDuration(scenario.durationMs),
    ].join(' | '),
  );
  const lines = [header, '|---|---:|---:|---:|---:|---:|---:|---:|---:|', ...rows.map((row) => `| ${row} |`)];
  lines.push('', `Seed ${report.seed}; ${formatDuration(report.durationMs)} in all.`);
  for (const scenario of report.scenarios.filter((candidate) => candidate.failures.length > 0)) {
    lines.push('', `**${scenario.name}** — first failures:`, ...scenario.failures.map((failure) => `- ${failure.replaceAll('\n', ' ')}`));
  }
  return lines.join('\n');
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1_000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
