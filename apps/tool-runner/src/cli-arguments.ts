import { parseArgs } from 'node:util';

export interface RunnerCliArguments {
  /** A module exporting tools; the built-in example tools when left out. */
  readonly tools: string | undefined;
}

export const USAGE = [
  'usage: aside-runner [--tools <module>]',
  '  environment: REDIS_URL (required); PORT (default 3100), HOST, LOG_LEVEL;',
  '  ASIDE_PREFIX (aside), ASIDE_QUEUE (aside-tools), ASIDE_RUNNER_CONCURRENCY (10),',
  '  ASIDE_LOCK_DURATION_MS (30000), ASIDE_STALLED_INTERVAL_MS (30000), ASIDE_MAX_STALLED_COUNT (1), ASIDE_GRACE_MS (5000)',
].join('\n');

/** Reads the command line; unknown flags fail with the usage line rather than being ignored. */
export function parseRunnerArguments(argv: readonly string[]): RunnerCliArguments {
  const { values } = parseArgs({
    args: [...argv],
    options: { tools: { type: 'string' }, help: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) throw new Error(USAGE);
  return { tools: values.tools };
}
