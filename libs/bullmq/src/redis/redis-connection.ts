import { Redis, type RedisOptions } from 'ioredis';

/** How to reach Redis: a `redis://` URL or ioredis options. */
export type RedisConnection = string | RedisOptions;

/** ioredis options from a URL or options, so BullMQ (which wants options) and we agree. */
export function redisOptionsOf(connection: RedisConnection): RedisOptions {
  if (typeof connection !== 'string') return connection;
  const url = new URL(connection);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined;
  return {
    host: url.hostname,
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== '' ? { password: decodeURIComponent(url.password) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * A new dedicated connection (never shared with a blocking reader). Its 'error' events are
 * swallowed: while Redis is unreachable ioredis emits one per reconnect attempt (an
 * "Unhandled error event" flood on the console otherwise); every command that fails still
 * rejects, and its caller logs that once.
 */
export function connect(connection: RedisConnection, extra: RedisOptions = {}): Redis {
  const redis = new Redis({ ...redisOptionsOf(connection), ...extra });
  redis.on('error', () => undefined);
  return redis;
}

/**
 * QUIT, but never waiting past `deadlineMs` for it: a stuck socket must not hang a shutdown.
 * The connection is disconnected either way.
 */
export async function closeConnection(redis: Redis, deadlineMs = 1_000): Promise<void> {
  if (redis.status === 'end') return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([redis.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}

/** Resolves with `work` or after `ms`, whichever is first; `true` when the work finished. */
export async function withDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
