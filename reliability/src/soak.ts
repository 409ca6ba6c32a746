/**
 * `npm run soak` — the full fault-injection soak and input fuzz of issue 7, bounded in count and
 * time, loopback only. Prints a Markdown table per suite (as pasted into docs/reliability.md)
 * and exits 1 when anything was lost, doubled, corrupt, out of order, crashed or answered wrong.
 *
 *   npm run soak                                   both suites, full size
 *   npm run soak -- --suite faults --iterations 20 --scenarios kill-runner,redis-kill
 *   npm run soak -- --suite fuzz --payloads 2000 --seed 42
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { FAULT_SCENARIOS, isClean, renderFaultSuiteMarkdown, runFaultSuite } from './faults/run-fault-suite.js';
import { runFuzzSuite } from './fuzz/run-fuzz-suite.js';

const count = z.coerce.number().int().nonnegative();
const settingsSchema = z.object({
  suite: z.enum(['all', 'faults', 'fuzz']),
  iterations: count,
  scenarios: z.string().optional(),
  payloads: count,
  'http-bodies': count,
  seed: z.coerce.number().int().nonnegative().optional(),
  'minutes-per-scenario': z.coerce.number().positive(),
  'fuzz-minutes': z.coerce.number().positive(),
});

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'all' },
    iterations: { type: 'string', default: '100' },
    scenarios: { type: 'string' },
    payloads: { type: 'string', default: '10000' },
    'http-bodies': { type: 'string', default: '2000' },
    seed: { type: 'string' },
    'minutes-per-scenario': { type: 'string', default: '15' },
    'fuzz-minutes': { type: 'string', default: '10' },
  },
});

const parsed = settingsSchema.safeParse(values);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`soak: --${issue.path.join('.')}: ${issue.message}`);
  console.error(`soak: scenarios are ${FAULT_SCENARIOS.map((scenario) => scenario.name).join(', ')}`);
  process.exit(2);
}
const settings = parsed.data;
const log = (line: string) => console.error(line);
const sections: string[] = [];
let clean = true;

if (settings.suite !== 'fuzz') {
  const report = await runFaultSuite({
    iterations: settings.iterations,
    timeBudgetMs: settings['minutes-per-scenario'] * 60_000,
    ...(settings.scenarios ? { scenarios: settings.scenarios.split(',').map((name) => name.trim()) } : {}),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    log,
  });
  clean &&= isClean(report);
  sections.push(`## Fault soak (seed ${report.seed}, ${(report.durationMs / 60_000).toFixed(1)} min)\n\n${renderFaultSuiteMarkdown(report)}`);
}

if (settings.suite !== 'faults') {
  const report = await runFuzzSuite({
    payloads: settings.payloads,
    httpBodies: settings['http-bodies'],
    timeBudgetMs: settings['fuzz-minutes'] * 60_000,
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    log,
  });
  clean &&= report.passed && report.skipped === 0;
  sections.push(`## Fuzz (seed ${report.seed}, ${(report.durationMs / 1_000).toFixed(1)} s)\n\n${report.toMarkdown()}`);
}

console.log(`\n${sections.join('\n\n')}\n\nNode ${process.version}. ${clean ? 'Clean: every count is 0.' : 'NOT CLEAN: see the tables above.'}`);
process.exit(clean ? 0 : 1);
