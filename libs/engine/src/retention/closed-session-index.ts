/**
 * The closed sessions of each partition, by when they closed (DESIGN.md §4, retention): the
 * partition's owner sweeps the ones older than the retention period. Adapters: in memory
 * (embedded mode) and a Redis sorted set per partition (@aside/bullmq's RedisClosedSessionIndex).
 */
export interface ClosedSessionIndex {
  /** Idempotent: a session already indexed keeps its first close time. */
  add(sessionId: string, partition: number, closedAtMs: number): Promise<void>;
  /** Sessions of the partition closed at or before `closedAtOrBeforeMs`, oldest first, at most `limit`. */
  due(partition: number, closedAtOrBeforeMs: number, limit: number): Promise<readonly string[]>;
  /** Idempotent. */
  remove(sessionId: string, partition: number): Promise<void>;
}

/** Embedded mode and tests: share one instance between gateways on the same in-memory store. */
export class InMemoryClosedSessionIndex implements ClosedSessionIndex {
  private readonly partitions = new Map<number, Map<string, number>>();

  async add(sessionId: string, partition: number, closedAtMs: number): Promise<void> {
    const sessions = this.partitions.get(partition) ?? new Map<string, number>();
    if (!sessions.has(sessionId)) sessions.set(sessionId, closedAtMs);
    this.partitions.set(partition, sessions);
  }

  async due(partition: number, closedAtOrBeforeMs: number, limit: number): Promise<readonly string[]> {
    return [...(this.partitions.get(partition) ?? new Map<string, number>())]
      .filter(([, closedAt]) => closedAt <= closedAtOrBeforeMs)
      .sort(([a, x], [b, y]) => x - y || a.localeCompare(b))
      .slice(0, limit)
      .map(([sessionId]) => sessionId);
  }

  async remove(sessionId: string, partition: number): Promise<void> {
    this.partitions.get(partition)?.delete(sessionId);
  }
}
