import { describeRedisAddress, parseRedisUrl } from '@aside/bullmq';
import { integerRule, keyNameRule, readEnvSetting } from '@aside/nest';

export interface RunnerSettings {
  /** Where the queue, the inboxes and the tool catalogue live. */
  readonly redisUrl: string;
  /** ASIDE_PREFIX: BullMQ's key prefix and Aside's, shared with the gateway. */
  readonly prefix: string;
  /** ASIDE_QUEUE: the BullMQ queue of tool jobs. */
  readonly queueName: string;
  /** ASIDE_RUNNER_CONCURRENCY: attempts running at once in this process. */
  readonly concurrency: number;
  /** ASIDE_LOCK_DURATION_MS: BullMQ's job lock, renewed at half; a runner silent this long loses its jobs. */
  readonly lockDurationMs: number;
  /** ASIDE_STALLED_INTERVAL_MS: how often a dead runner's jobs are looked for. */
  readonly stalledIntervalMs: number;
  /** ASIDE_MAX_STALLED_COUNT: stall recoveries before a job fails. */
  readonly maxStalledCount: number;
  /** ASIDE_GRACE_MS: on SIGTERM, how long running bodies may finish before they are handed back. */
  readonly graceMs: number;
}

/** The production defaults (DESIGN.md §4); tests make the timings short through the environment. */
export const RUNNER_DEFAULTS = {
  prefix: 'aside',
  queueName: 'aside-tools',
  concurrency: 10,
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 1,
  graceMs: 5_000,
} as const satisfies Omit<RunnerSettings, 'redisUrl'>;

/** The runner's own settings from the environment; a missing or malformed one fails with one clear line. */
export function readRunnerSettings(env: NodeJS.ProcessEnv): RunnerSettings {
  return {
    redisUrl: readRedisUrl(env),
    prefix: readEnvSetting(env, 'ASIDE_PREFIX', keyNameRule, RUNNER_DEFAULTS.prefix),
    queueName: readEnvSetting(env, 'ASIDE_QUEUE', keyNameRule, RUNNER_DEFAULTS.queueName),
    concurrency: readEnvSetting(env, 'ASIDE_RUNNER_CONCURRENCY', integerRule(1, 'a positive integer'), RUNNER_DEFAULTS.concurrency),
    lockDurationMs: readEnvSetting(env, 'ASIDE_LOCK_DURATION_MS', integerRule(1, 'a positive integer (milliseconds)'), RUNNER_DEFAULTS.lockDurationMs),
    stalledIntervalMs: readEnvSetting(env, 'ASIDE_STALLED_INTERVAL_MS', integerRule(1, 'a positive integer (milliseconds)'), RUNNER_DEFAULTS.stalledIntervalMs),
    maxStalledCount: readEnvSetting(env, 'ASIDE_MAX_STALLED_COUNT', integerRule(0, 'a non-negative integer'), RUNNER_DEFAULTS.maxStalledCount),
    graceMs: readEnvSetting(env, 'ASIDE_GRACE_MS', integerRule(0, 'a non-negative integer (milliseconds)'), RUNNER_DEFAULTS.graceMs),
  };
}

/** The boot line: every setting, and where Redis is — host and port only, never its credentials. */
export function describeRunnerSettings(settings: RunnerSettings): string {
  return (
    `tool-runner: redis ${describeRedisAddress(settings.redisUrl)}, prefix ${settings.prefix}, queue ${settings.queueName}, ` +
    `concurrency ${settings.concurrency}, lock ${settings.lockDurationMs} ms, stalled check every ${settings.stalledIntervalMs} ms, ` +
    `max stalled ${settings.maxStalledCount}, grace ${settings.graceMs} ms`
  );
}

function readRedisUrl(env: NodeJS.ProcessEnv): string {
  const redisUrl = env['REDIS_URL'];
  if (redisUrl === undefined || redisUrl.trim() === '') throw new Error('REDIS_URL is required (e.g. redis://localhost:6379)');
  return parseRedisUrl(redisUrl, 'REDIS_URL');
}
