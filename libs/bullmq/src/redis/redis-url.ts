import { z } from 'zod';
import type { RedisConnection } from './redis-connection.js';

/**
 * A Redis URL as the gateway and the runners accept it: `redis://` or `rediss://` (TLS), a
 * host, an optional numeric database. The messages leave the setting's name out, so that
 * `parseRedisUrl` can put it in front: `REDIS_URL has no host (expected redis://host:port)`.
 */
export const redisUrlSchema = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a URL (expected redis://host:port or rediss://host:port)' });
    return;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    ctx.addIssue({ code: 'custom', message: `must use redis:// or rediss://, not ${url.protocol}//` });
  } else if (url.hostname === '') {
    ctx.addIssue({ code: 'custom', message: 'has no host (expected redis://host:port)' });
  } else if (url.pathname.length > 1 && !/^\/\d+$/.test(url.pathname)) {
    ctx.addIssue({ code: 'custom', message: 'database must be a number (redis://host:port/<db>)' });
  }
});

/** The URL, or an Error of one line naming the setting (it never echoes the value: it may hold a password). */
export function parseRedisUrl(value: string, setting = 'REDIS_URL'): string {
  const parsed = redisUrlSchema.safeParse(value);
  if (!parsed.success) throw new Error(`${setting} ${parsed.error.issues[0]?.message ?? 'is not a valid Redis URL'}`);
  return parsed.data;
}

/**
 * Where a connection points, for boot lines and logs: `10.0.0.5:6379`, `cache.internal:6380/2
 * (TLS)` — host, port, database and TLS, never the user name or the password.
 */
export function describeRedisAddress(connection: RedisConnection): string {
  if (typeof connection === 'string') {
    const url = new URL(connection);
    const db = url.pathname.length > 1 ? url.pathname : '';
    return `${url.hostname}:${url.port || 6379}${db}${url.protocol === 'rediss:' ? ' (TLS)' : ''}`;
  }
  if (connection.path !== undefined) return connection.path;
  const db = connection.db ? `/${connection.db}` : '';
  return `${connection.host ?? 'localhost'}:${connection.port ?? 6379}${db}${connection.tls ? ' (TLS)' : ''}`;
}
