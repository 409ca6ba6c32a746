import { CrashWatch } from './crash-watch.js';
import { FuzzReport, type FuzzSuiteReport } from './fuzz-report.js';
import { runHttpFuzz } from './http/run-http-fuzz.js';
import { resolveSeed } from './seed.js';
import { runToolCallFuzz } from './tool-calls/run-tool-call-fuzz.js';

export type { ClassCounts, FailingExample, FuzzSuiteReport } from './fuzz-report.js';

export interface FuzzSuiteOptions {
  /** Tool-call argument payloads driven through the gateway (valid, invalid, hostile). */
  readonly payloads: number;
  /** Malformed HTTP requests sent to the API's POST routes. */
  readonly httpBodies: number;
  /** Same seed, same inputs. Default: a fresh one, printed through `log`. */
  readonly seed?: number;
  /** Stop starting new inputs after this long; the rest are reported as skipped. */
  readonly timeBudgetMs?: number;
  readonly log?: (line: string) => void;
}

/**
 * The input fuzz (issue 7): generated tool-call arguments through the real gateway path, and
 * malformed HTTP bodies at the real Nest app, each judged against the answer owed. The budget
 * is shared by the two parts in proportion to their counts.
 */
export async function runFuzzSuite(options: FuzzSuiteOptions): Promise<FuzzSuiteReport> {
  const seed = resolveSeed(options.seed);
  const log = options.log ?? (() => undefined);
  const report = new FuzzReport(seed);
  const started = Date.now();
  const budget = options.timeBudgetMs ?? Number.POSITIVE_INFINITY;
  const toolShare = options.payloads + options.httpBodies === 0 ? 0 : options.payloads / (options.payloads + options.httpBodies);
  log(`fuzz: seed ${seed}, ${options.payloads} tool-call payloads, ${options.httpBodies} HTTP bodies`);

  const crashes = new CrashWatch().start();
  try {
    await runToolCallFuzz({ payloads: options.payloads, seed, deadline: started + budget * toolShare, report, crashes, log });
    await runHttpFuzz({ bodies: options.httpBodies, seed, deadline: started + budget, report, crashes, log });
  } finally {
    crashes.stop();
    report.durationMs = Date.now() - started;
  }
  log(`fuzz: ${report.totals.generated} inputs in ${(report.durationMs / 1000).toFixed(1)} s, ${report.totals.wrongAnswer} wrong answers, ${report.totals.crashes} crashes`);
  return report;
}
