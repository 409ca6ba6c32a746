import { FaultDeployment } from './deployment/fault-deployment.js';
import { seededRandom } from './fault-timing.js';
import { runScenario } from './run-scenario.js';
import { FAULT_SCENARIOS, type FaultScenario } from './scenarios/index.js';
import type { FaultSuiteReport, ScenarioReport } from './suite-report.js';

export { isClean, renderFaultSuiteMarkdown } from './suite-report.js';
export type { FaultSuiteReport, ScenarioReport } from './suite-report.js';
export { FAULT_SCENARIOS } from './scenarios/index.js';

export interface FaultSuiteOptions {
  /** Per scenario. */
  readonly iterations: number;
  /** Per scenario: no iteration starts once it is spent (the running one finishes, bounded by its own timeouts). */
  readonly timeBudgetMs: number;
  /** Scenario names (see FAULT_SCENARIOS); all of them by default, in their order. */
  readonly scenarios?: readonly string[];
  /** Progress, one line per iteration. */
  readonly log?: (line: string) => void;
  /** Picks the faults' variants and moments; a new one per run by default (the report says which). */
  readonly seed?: number;
}

/**
 * The fault-injection soak (issue 7): one deployment of real processes on a Redis of its own —
 * two gateways, two runners, all on loopback — and, per scenario, `iterations` rounds each with
 * its fault injected (kill -9 of a runner or of the owning gateway mid-task and mid-delivery,
 * reports re-sent out of order, Redis shut down or killed and restarted). Every session is
 * closed and its whole log audited; the report counts lost results, duplicate replies, corrupt
 * and out-of-order logs — all of which must be 0.
 */
export async function runFaultSuite(options: FaultSuiteOptions): Promise<FaultSuiteReport> {
  const scenarios = chosen(options.scenarios);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  log(`fault soak: ${scenarios.map((scenario) => scenario.name).join(', ')}; ${options.iterations} iteration(s) each, seed ${seed}`);
  const deployment = await FaultDeployment.start();
  try {
    const reports: ScenarioReport[] = [];
    for (const scenario of scenarios) {
      // Its own sequence per scenario: running a subset replays the same choices.
      const random = seededRandom(seed + FAULT_SCENARIOS.indexOf(scenario));
      reports.push(await runScenario(scenario, deployment, { ...options, random, log }));
    }
    return { seed, scenarios: reports, durationMs: performance.now() - started };
  } finally {
    await deployment.close();
  }
}

function chosen(names: readonly string[] | undefined): FaultScenario[] {
  if (names === undefined) return [...FAULT_SCENARIOS];
  return names.map((name) => {
    const scenario = FAULT_SCENARIOS.find((candidate) => candidate.name === name);
    if (!scenario) throw new Error(`No fault scenario named ${name} (known: ${FAULT_SCENARIOS.map((candidate) => candidate.name).join(', ')})`);
    return scenario;
  });
}
