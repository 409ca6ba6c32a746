import type { ClosedSessionIndex } from '@aside/engine';
import type { Redis } from 'ioredis';
import { AsideKeys } from '../redis/aside-keys.js';

export interface RedisPartitionIndexOptions {
  /** A client the caller keeps owning (never quit here); plain commands only, no blocking reads. */
  readonly connection: Redis;
  /** Shared by every gateway of the deployment. */
  readonly prefix: string;
}

/**
 * The closed sessions of each partition as a Redis sorted set scored by close time (DESIGN.md
 * §4, retention): `ZADD NX` keeps the first close time, the sweep reads the oldest due ones
 * with `ZRANGE … BYSCORE LIMIT`. One key per partition, under the partition's hash tag.
 */
export class RedisClosedSessionIndex implements ClosedSessionIndex {
  private readonly keys: AsideKeys;

  constructor(private readonly options: RedisPartitionIndexOptions) {
    this.keys = new AsideKeys(options.prefix);
  }

  async add(sessionId: string, partition: number, closedAtMs: number): Promise<void> {
    await this.options.connection.zadd(this.keys.closedSessions(partition), 'NX', closedAtMs, sessionId);
  }

  async due(partition: number, closedAtOrBeforeMs: number, limit: number): Promise<readonly string[]> {
    return this.options.connection.zrange(this.keys.closedSessions(partition), '-inf', closedAtOrBeforeMs, 'BYSCORE', 'LIMIT', 0, limit);
  }

  async remove(sessionId: string, partition: number): Promise<void> {
    await this.options.connection.zrem(this.keys.closedSessions(partition), sessionId);
  }
}
