/**
 * The Redis of a latency bench: a private `redis-server` on a free loopback port (or REDIS_URL),
 * one key prefix for everything the bench writes, and a connection of its own to delete those
 * keys at the end — never FLUSHDB, the Redis may be shared.
 */
import { randomBytes } from 'node:crypto';
import { deleteKeysMatching, startTestRedis, type TestRedis } from '@aside/testing';
import { Redis } from 'ioredis';

export interface BenchRedis {
  readonly url: string;
  /** Every key the bench (gateway, runner, raw baseline) writes starts with `<prefix>:`. */
  readonly prefix: string;
  /** "Redis 7.0.15 (redis-server)", for the notes under the table. */
  readonly description: string;
  /** Deletes the prefix's keys and stops a private server. Call it after every child stopped. */
  close(): Promise<void>;
}

export async function openBenchRedis(bench: string): Promise<BenchRedis> {
  const server: TestRedis = await startTestRedis((line) => console.log(line));
  const admin = new Redis(server.url);
  const version = /redis_version:(\S+)/.exec(await admin.info('server'))?.[1] ?? 'unknown';
  const prefix = `bench-${bench}-${randomBytes(3).toString('hex')}`;
  return {
    url: server.url,
    prefix,
    description: `Redis ${version} (${server.source})`,
    async close() {
      await deleteKeysMatching(admin, `${prefix}:*`);
      await admin.quit();
      await server.stop();
    },
  };
}
