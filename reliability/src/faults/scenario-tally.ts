import type { SpawnedProcess } from '@aside/testing';
import { addCounts, NO_FAULTS, type FaultCounts, type SessionVerdict } from './checker/fault-counts.js';
import type { FaultScenario } from './scenarios/index.js';
import type { ScenarioReport } from './suite-report.js';

/** The report keeps the first few problems of a scenario: enough to start looking, short enough to print. */
const MAX_FAILURES = 5;

/** Adds up what one scenario's iterations and audits found. */
export class ScenarioTally {
  private counts: FaultCounts = NO_FAULTS;
  private iterationsRun = 0;
  private failedIterations = 0;
  private unexpectedExits = 0;
  private readonly failures: string[] = [];

  constructor(
    private readonly scenario: FaultScenario,
    private readonly iterationsRequested: number,
  ) {}

  iterationDone(): void {
    this.iterationsRun += 1;
  }

  iterationFailed(index: number, error: unknown): void {
    this.failedIterations += 1;
    this.fail(`iteration ${index}: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Closing or reading back a round's session failed: its verdict is missing, which is not clean either. */
  auditFailed(error: unknown): void {
    this.failedIterations += 1;
    this.fail(`auditing a round failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  exitedUnasked(index: number, child: SpawnedProcess): void {
    this.unexpectedExits += 1;
    this.fail(`iteration ${index}: ${child.name} exited unasked ${JSON.stringify(child.exitStatus)}; its last output: ${child.printed.slice(-600)}`);
  }

  audited(verdicts: readonly SessionVerdict[]): void {
    for (const verdict of verdicts) {
      this.counts = addCounts(this.counts, verdict.counts);
      for (const problem of verdict.problems) this.fail(`session ${verdict.sessionId}: ${problem}`);
    }
  }

  report(durationMs: number): ScenarioReport {
    return {
      name: this.scenario.name,
      injects: this.scenario.injects,
      iterationsRequested: this.iterationsRequested,
      iterationsRun: this.iterationsRun,
      ...this.counts,
      failedIterations: this.failedIterations,
      unexpectedExits: this.unexpectedExits,
      durationMs,
      failures: [...this.failures],
    };
  }

  private fail(line: string): void {
    if (this.failures.length < MAX_FAILURES) this.failures.push(line.length > 4_000 ? `${line.slice(0, 4_000)}…` : line);
  }
}
