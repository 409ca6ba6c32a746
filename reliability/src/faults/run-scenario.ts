import type { FaultDeployment } from './deployment/fault-deployment.js';
import type { Round } from './deployment/round.js';
import type { Random } from './fault-timing.js';
import { RoundLedger } from './round-ledger.js';
import { summarizeRound } from './round-summary.js';
import { ScenarioTally } from './scenario-tally.js';
import type { FaultScenario } from './scenarios/index.js';
import type { ScenarioReport } from './suite-report.js';

/** Sessions a round leaves open while the next iterations' faults pass over them. */
const KEEP_OPEN = 2;

export interface ScenarioRunOptions {
  readonly iterations: number;
  /** No iteration starts once it is spent. */
  readonly timeBudgetMs: number;
  readonly random: Random;
  readonly log: (line: string) => void;
}

/**
 * One scenario on the shared deployment: healed first, then iteration after iteration — each
 * heals what the last one killed, runs the scenario's round with its fault, notes any process
 * that died unasked, and hands the round to the ledger, which closes and audits it a little later.
 * A step that fails is counted and the next iteration goes on.
 */
export async function runScenario(scenario: FaultScenario, deployment: FaultDeployment, options: ScenarioRunOptions): Promise<ScenarioReport> {
  const { random, log } = options;
  const started = performance.now();
  const tally = new ScenarioTally(scenario, options.iterations);
  const ledger = new RoundLedger(deployment, KEEP_OPEN);
  try {
    await deployment.heal();
    await scenario.prepare?.(deployment);
  } catch (error) {
    tally.iterationFailed(0, new Error(`the deployment could not be prepared: ${firstLine(error)}`));
    return tally.report(performance.now() - started);
  }
  for (let index = 0; index < options.iterations && performance.now() - started < options.timeBudgetMs; index += 1) {
    const iterationStarted = performance.now();
    const rounds: Round[] = [];
    const notes: string[] = [];
    try {
      await deployment.heal();
      await scenario.run({ index, deployment, random, track: (round) => rounds.push(round), note: (line) => notes.push(line) });
    } catch (error) {
      tally.iterationFailed(index, error);
      notes.push(`FAILED: ${firstLine(error)}`);
    }
    for (const child of deployment.unexpectedExits()) tally.exitedUnasked(index, child);
    try {
      for (const round of rounds) notes.push(await summarizeRound(deployment, round));
      for (const round of rounds) tally.audited(await ledger.add(round));
    } catch (error) {
      tally.auditFailed(error);
    }
    tally.iterationDone();
    log(`${scenario.name} #${index + 1}: ${notes.join('; ')} (${Math.round(performance.now() - iterationStarted)} ms)`);
  }
  try {
    tally.audited(await ledger.closeAll());
  } catch (error) {
    tally.auditFailed(error);
  }
  const report = tally.report(performance.now() - started);
  log(`${scenario.name}: ${report.iterationsRun} iteration(s), lost ${report.lostResults}, duplicates ${report.duplicateReplies}, corrupt ${report.corruptLogs}, out of order ${report.outOfOrderLogs}`);
  return report;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
