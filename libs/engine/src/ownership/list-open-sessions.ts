import type { PartitionOwnership } from './partition-ownership.js';

export interface ListSessionsInput {
  /** Only ids containing this text (case-sensitive). */
  readonly search?: string;
  readonly limit: number;
}

export interface ListedSession {
  readonly sessionId: string;
  readonly partition: number;
  /** Served by this gateway; otherwise its routes redirect to the partition's owner. */
  readonly owned: boolean;
}

export interface SessionList {
  readonly sessions: readonly ListedSession[];
  /** More sessions matched than `limit`. */
  readonly truncated: boolean;
}

/**
 * The open sessions of every partition, from the index the ownership keeps for takeovers (a
 * Redis set per partition in distributed mode, memory in embedded mode), sorted by id. A
 * closed session is no longer indexed: it is reached by its id.
 */
export async function listOpenSessions(ownership: PartitionOwnership, input: ListSessionsInput): Promise<SessionList> {
  const partitions = Array.from({ length: ownership.partitionCount }, (_, partition) => partition);
  const perPartition = await Promise.all(partitions.map(async (partition) => ({ partition, ids: await ownership.sessionsOf(partition) })));
  const matching = perPartition
    .flatMap(({ partition, ids }) => ids.filter((id) => input.search === undefined || id.includes(input.search)).map((sessionId) => ({ sessionId, partition })))
    .sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
  return {
    sessions: matching.slice(0, input.limit).map((session) => ({ ...session, owned: ownership.tokenFor(session.partition) !== undefined })),
    truncated: matching.length > input.limit,
  };
}
