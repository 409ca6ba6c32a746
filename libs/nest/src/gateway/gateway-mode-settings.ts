import { z } from 'zod';
import { DEFAULT_QUEUE_NAME, describeRedisAddress, parseRedisUrl } from '@aside/bullmq';
import { MAX_PARTITIONS } from '@aside/events';
import type { AgentGatewayRedisOptions } from './agent-gateway.options.js';
import { DEFAULT_GATEWAY_PREFIX } from './distributed-adapters.js';

interface Rule<T> {
  readonly schema: z.ZodType<T, string>;
  /** For the error line: "ASIDE_X must be <expected>, got '…'" (the runner's wording). */
  readonly expected: string;
}

/** The prefix is the namespace of every key, and its hash tags use braces: none in it, nor whitespace. */
const prefixRule: Rule<string> = { schema: z.string().regex(/^[^\s{}]+$/), expected: 'a non-empty name without whitespace or braces' };
const queueRule: Rule<string> = { schema: z.string().regex(/^\S+$/), expected: 'a non-empty name without whitespace' };
// Digits only: `Number()` would also take "1e3", "0x10" and " 5 ".
const partitionsRule: Rule<number> = {
  schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(MAX_PARTITIONS)),
  expected: `an integer from 1 to ${MAX_PARTITIONS}`,
};

const urlRule: Rule<string> = {
  schema: z.string().refine((value) => /^https?:$/.test(safeUrl(value)?.protocol ?? ''), 'not an http(s) URL'),
  expected: 'an http:// or https:// URL where clients reach this gateway',
};
const leaseRule: Rule<number> = {
  schema: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(500)),
  expected: 'an integer number of milliseconds, at least 500',
};

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Distributed mode's settings as read from the environment. */
export interface GatewayRedisSettings extends AgentGatewayRedisOptions {
  /** The REDIS_URL; it may hold a password, so print `describeGatewayMode(...)`, never this. */
  readonly connection: string;
  readonly prefix: string;
  readonly partitions: number;
  readonly queueName: string;
}

/**
 * The gateway's mode from the environment (DESIGN.md §4): REDIS_URL set (not blank) means
 * distributed mode, with ASIDE_PREFIX (default `aside`), ASIDE_PARTITIONS (default 1) and
 * ASIDE_QUEUE (default `aside-tools`; prefix and queue must match the runners'),
 * ASIDE_ADVERTISED_URL (where the other gateways redirect this one's clients; none by default)
 * and ASIDE_LEASE_TTL_MS (default 10000); unset means embedded (`undefined`). A malformed value
 * fails with one line naming the variable.
 */
export function readGatewayRedisSettings(env: NodeJS.ProcessEnv): GatewayRedisSettings | undefined {
  const url = env['REDIS_URL']?.trim();
  if (url === undefined || url === '') return undefined;
  return {
    connection: parseRedisUrl(url, 'REDIS_URL'),
    prefix: readVariable(env, 'ASIDE_PREFIX', prefixRule, DEFAULT_GATEWAY_PREFIX),
    partitions: readVariable(env, 'ASIDE_PARTITIONS', partitionsRule, 1),
    queueName: readVariable(env, 'ASIDE_QUEUE', queueRule, DEFAULT_QUEUE_NAME),
    ...optional('advertisedUrl', readVariable<string | undefined>(env, 'ASIDE_ADVERTISED_URL', urlRule, undefined)),
    ...optional('leaseTtlMs', readVariable<number | undefined>(env, 'ASIDE_LEASE_TTL_MS', leaseRule, undefined)),
  };
}

/**
 * The boot line's words for a mode, never a secret:
 * `distributed mode, Redis 10.0.0.5:6379 (prefix aside, partitions 0-3)` or
 * `embedded mode (in-memory store, tools in this process)`.
 */
export function describeGatewayMode(redis: AgentGatewayRedisOptions | undefined): string {
  if (redis === undefined) return 'embedded mode (in-memory store, tools in this process)';
  const partitions = redis.partitions ?? 1;
  const owned = partitions === 1 ? 'partition 0' : `partitions 0-${partitions - 1} shared by lease`;
  const queue = redis.queueName !== undefined && redis.queueName !== DEFAULT_QUEUE_NAME ? `, queue ${redis.queueName}` : '';
  return `distributed mode, Redis ${describeRedisAddress(redis.connection)} (prefix ${redis.prefix ?? DEFAULT_GATEWAY_PREFIX}, ${owned}${queue})`;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Unset or empty means the default (as a compose file's `VAR=` leaves it). */
function readVariable<T>(env: NodeJS.ProcessEnv, name: string, rule: Rule<T>, fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const parsed = rule.schema.safeParse(raw);
  if (!parsed.success) throw new Error(`${name} must be ${rule.expected}, got '${raw}'`);
  return parsed.data;
}
