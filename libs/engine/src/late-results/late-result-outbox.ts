/**
 * The sessions of a partition with late results still to POST (DESIGN.md §4). The log is the
 * outbox — what to send, how often it was tried, when the next try is due — and this index only
 * tells a restarted gateway, or the next owner of the partition, which logs to look at: a late
 * result usually arrives after its session closed, when nothing else follows the session.
 * Adapters: in memory (embedded mode) and Redis (@aside/bullmq's RedisLateResultOutbox).
 */
export interface LateResultOutbox {
  /** Idempotent. */
  add(sessionId: string, partition: number): Promise<void>;
  /** Idempotent. */
  remove(sessionId: string, partition: number): Promise<void>;
  sessionsOf(partition: number): Promise<readonly string[]>;
}

/** Embedded mode and tests: share one instance between gateways on the same in-memory store. */
export class InMemoryLateResultOutbox implements LateResultOutbox {
  private readonly partitions = new Map<number, Set<string>>();

  async add(sessionId: string, partition: number): Promise<void> {
    const sessions = this.partitions.get(partition) ?? new Set<string>();
    sessions.add(sessionId);
    this.partitions.set(partition, sessions);
  }

  async remove(sessionId: string, partition: number): Promise<void> {
    this.partitions.get(partition)?.delete(sessionId);
  }

  async sessionsOf(partition: number): Promise<readonly string[]> {
    return [...(this.partitions.get(partition) ?? [])];
  }
}
