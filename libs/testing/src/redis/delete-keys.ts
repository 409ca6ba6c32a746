import type { Redis } from 'ioredis';

/** Deletes a test's keys (its own prefix's pattern) with SCAN, never FLUSHDB: the Redis may be shared. */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1_000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
