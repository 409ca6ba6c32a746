import type { LateResultOutbox } from '@aside/engine';
import { AsideKeys } from '../redis/aside-keys.js';
import type { RedisPartitionIndexOptions } from './redis-closed-session-index.js';

/**
 * The sessions of each partition with late results still to POST, as a Redis set per
 * partition (DESIGN.md §4): how a restarted gateway or the partition's next owner finds the
 * deliveries to resume. The deliveries themselves are in the sessions' logs.
 */
export class RedisLateResultOutbox implements LateResultOutbox {
  private readonly keys: AsideKeys;

  constructor(private readonly options: RedisPartitionIndexOptions) {
    this.keys = new AsideKeys(options.prefix);
  }

  async add(sessionId: string, partition: number): Promise<void> {
    await this.options.connection.sadd(this.keys.lateResults(partition), sessionId);
  }

  async remove(sessionId: string, partition: number): Promise<void> {
    await this.options.connection.srem(this.keys.lateResults(partition), sessionId);
  }

  async sessionsOf(partition: number): Promise<readonly string[]> {
    return this.options.connection.smembers(this.keys.lateResults(partition));
  }
}
