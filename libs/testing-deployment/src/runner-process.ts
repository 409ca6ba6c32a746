import { waitUntilServing, type ProcessRoster, type SpawnedProcess } from '@aside/testing';
import { FIXTURE_TOOLS } from './fixtures/fixture-modules.js';

const CLI = 'apps/tool-runner/src/cli.ts';

/**
 * Short, so a dead runner's jobs are back in the queue in about 1.5 s (lock lapse, then a
 * stall check), and one runner can take every task of a test on its own.
 */
const RUNNER_TIMINGS = {
  ASIDE_LOCK_DURATION_MS: '1000',
  ASIDE_STALLED_INTERVAL_MS: '500',
  ASIDE_MAX_STALLED_COUNT: '1',
  ASIDE_GRACE_MS: '300',
  ASIDE_RUNNER_CONCURRENCY: '20',
} as const;

export interface RunnerSpawn {
  readonly name: string;
  readonly redisUrl: string;
  readonly prefix: string;
  /** `ASIDE_FAULT_POINT` (a `FaultPoint` of @aside/engine): where the process kills itself. */
  readonly faultPoint?: string;
  /** How long it may take to start taking jobs (default: waitUntilServing's). */
  readonly bootTimeoutMs?: number;
}

/**
 * One real `aside-runner` process serving the fixture tools (`--tools`), started from the
 * TypeScript sources; resolves once it takes jobs.
 */
export async function startRunner(roster: ProcessRoster, options: RunnerSpawn): Promise<SpawnedProcess> {
  const env = {
    REDIS_URL: options.redisUrl,
    ASIDE_PREFIX: options.prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ASIDE_FAULT_POINT: options.faultPoint ?? '',
    ...RUNNER_TIMINGS,
  };
  const runner = roster.spawn({ name: options.name, entry: CLI, args: ['--tools', FIXTURE_TOOLS], env });
  await waitUntilServing(runner, 'tool-runner', options.bootTimeoutMs);
  return runner;
}
