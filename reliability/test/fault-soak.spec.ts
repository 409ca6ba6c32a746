import { describe, expect, it, jest } from '@jest/globals';
import { FAULT_SCENARIOS, renderFaultSuiteMarkdown, runFaultSuite } from '../src/faults/run-fault-suite.js';

/**
 * Three iterations per scenario: the fault moments take turns by iteration (while the tasks run
 * or after their release; for a delivery and for Redis also mid-reply), so three cover every
 * variant. The full soak (`npm run soak`) runs a hundred.
 */
const ITERATIONS = 3;
/** Per scenario. A healthy run needs 1–12 s for each on an idle 2-core machine, the whole test about 45 s. */
const SCENARIO_BUDGET_MS = 30_000;
const SCENARIOS = FAULT_SCENARIOS.map(({ name }) => name);

describe('the fault-injection soak, CI-sized (issue 7)', () => {
  jest.setTimeout(240_000); // the budgets' bound, on a machine busy with other work; not what a run takes

  it('loses no result, doubles no reply and leaves every log whole and in order, through every fault', async () => {
    const report = await runFaultSuite({ iterations: ITERATIONS, timeBudgetMs: SCENARIO_BUDGET_MS, scenarios: SCENARIOS });

    // The failures are part of what is compared: a failing run shows them (and the seed) in the diff.
    const found = report.scenarios.map(({ name, iterationsRun, lostResults, duplicateReplies, corruptLogs, outOfOrderLogs, failedIterations, unexpectedExits, failures }) => ({
      name,
      iterationsRun,
      lostResults,
      duplicateReplies,
      corruptLogs,
      outOfOrderLogs,
      failedIterations,
      unexpectedExits,
      failures: failures.length === 0 ? [] : [`seed ${report.seed}`, ...failures],
    }));
    const clean = SCENARIOS.map((name) => ({ name, iterationsRun: ITERATIONS, lostResults: 0, duplicateReplies: 0, corruptLogs: 0, outOfOrderLogs: 0, failedIterations: 0, unexpectedExits: 0, failures: [] }));
    expect(found).toEqual(clean);
    expect(renderFaultSuiteMarkdown(report)).toMatch(/^\| scenario \| iterations \| lost results \|/);
  });
});
