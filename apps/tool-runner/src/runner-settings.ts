import { z } from 'zod';

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
    prefix: readVariable(env, 'ASIDE_PREFIX', keyName, RUNNER_DEFAULTS.prefix),
    queueName: readVariable(env, 'ASIDE_QUEUE', keyName, RUNNER_DEFAULTS.queueName),
    concurrency: readVariable(env, 'ASIDE_RUNNER_CONCURRENCY', integer(1, 'a positive integer'), RUNNER_DEFAULTS.concurrency),
    lockDurationMs: readVariable(env, 'ASIDE_LOCK_DURATION_MS', integer(1, 'a positive integer (milliseconds)'), RUNNER_DEFAULTS.lockDurationMs),
    stalledIntervalMs: readVariable(env, 'ASIDE_STALLED_INTERVAL_MS', integer(1, 'a positive integer (milliseconds)'), RUNNER_DEFAULTS.stalledIntervalMs),
    maxStalledCount: readVariable(env, 'ASIDE_MAX_STALLED_COUNT', integer(0, 'a non-negative integer'), RUNNER_DEFAULTS.maxStalledCount),
    graceMs: readVariable(env, 'ASIDE_GRACE_MS', integer(0, 'a non-negative integer (milliseconds)'), RUNNER_DEFAULTS.graceMs),
  };
}

/** The boot line: every setting, and where Redis is — host and port only, never its credentials. */
export function describeRunnerSettings(settings: RunnerSettings): string {
  const redis = new URL(settings.redisUrl);
  return (
    `tool-runner: redis ${redis.hostname}:${redis.port || '6379'}, prefix ${settings.prefix}, queue ${settings.queueName}, ` +
    `concurrency ${settings.concurrency}, lock ${settings.lockDurationMs} ms, stalled check every ${settings.stalledIntervalMs} ms, ` +
    `max stalled ${settings.maxStalledCount}, grace ${settings.graceMs} ms`
  );
}

interface Rule<T> {
  readonly schema: z.ZodType<T, string>;
  /** What the value must be, for the error line: "ASIDE_X must be <expected>, got '…'". */
  readonly expected: string;
}

/** A Redis key part: BullMQ and Aside build keys from it, so no whitespace. */
const keyName: Rule<string> = { schema: z.string().regex(/^\S+$/), expected: 'a non-empty name without whitespace' };

function integer(min: 0 | 1, expected: string): Rule<number> {
  // Digits only: `Number()` would also take "1e3", "0x10" and " 5 ".
  const schema = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(Number.MAX_SAFE_INTEGER));
  return { schema, expected };
}

/** Unset or empty means the default (as a compose file's `VAR=` leaves it). */
function readVariable<T>(env: NodeJS.ProcessEnv, name: string, rule: Rule<T>, fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const parsed = rule.schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${name} must be ${rule.expected}, got '${raw}'`);
  return parsed.data;
}

function readRedisUrl(env: NodeJS.ProcessEnv): string {
  const redisUrl = env['REDIS_URL'];
  if (redisUrl === undefined || redisUrl.trim() === '') throw new Error('REDIS_URL is required (e.g. redis://localhost:6379)');
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new Error('REDIS_URL is not a URL (expected redis://host:port or rediss://host:port)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`REDIS_URL must use redis:// or rediss://, not ${url.protocol}//`);
  if (url.hostname === '') throw new Error('REDIS_URL has no host (expected redis://host:port)');
  const db = url.pathname.length > 1 ? url.pathname.slice(1) : undefined;
  if (db !== undefined && !/^\d+$/.test(db)) throw new Error('REDIS_URL database must be a number (redis://host:port/<db>)');
  return redisUrl;
}
