/** The wording the three latency benches share for their verdicts, checks and machine notes. */
import { loadavg } from 'node:os';
import type { CellOutcome } from './task-bench-rounds.js';

export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

/** The 1-minute load average: tails on a small, shared machine follow whatever else runs. */
export const loadAverage = (): string => loadavg()[0]!.toFixed(2);

/** `a ÷ b` with two decimals ("n/a" without samples). */
export function ratio(a: number, b: number): string {
  return Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a';
}

/** Node, the Redis and the load average before and after: the note under every table. */
export function machineNote(redis: string, loadBefore: string): string {
  return `${redis}, Node ${process.version}, 1-min load average ${loadBefore} before / ${loadAverage()} after`;
}

/**
 * What is wrong with a cell: the error that stopped it (a flow that did not happen — the run is
 * broken), or too few samples for a p99 (the machine was too slow for the time cap — a warning).
 */
function cellProblems(outcome: CellOutcome<unknown>, minSamples: number): { readonly broken: string[]; readonly thin: string[] } {
  return {
    broken: outcome.error !== undefined ? [`stopped early: ${outcome.error}`] : [],
    thin: outcome.samples.length < minSamples ? [`only ${outcome.samples.length} samples (< ${minSamples}) within the time cap`] : [],
  };
}

/**
 * The checks of a run, cell by cell: a cell stopped by a flow that did not happen breaks the run
 * (exit code 1); a cell short of samples is only a warning. A missed target is neither: each
 * bench prints it as MISSED in its own lines.
 */
export class RunChecks {
  private readonly lines: string[] = [];
  private broken = false;

  check(label: string, outcome: CellOutcome<unknown>, minSamples: number): void {
    const problems = cellProblems(outcome, minSamples);
    if (problems.broken.length > 0) this.broken = true;
    if (problems.broken.length + problems.thin.length === 0) return;
    this.lines.push(`${label}: ${problems.broken.length > 0 ? 'FAILED' : 'warning'} — ${[...problems.broken, ...problems.thin].join('; ')}.`);
  }

  /** Prints what was found, then `allGood` unless the run is broken (which sets the exit code). */
  conclude(allGood: string): void {
    for (const line of this.lines) console.log(line);
    if (this.broken) {
      console.log('Broken run: some flow did not happen (see above).');
      process.exitCode = 1;
    } else {
      console.log(allGood);
    }
  }
}
