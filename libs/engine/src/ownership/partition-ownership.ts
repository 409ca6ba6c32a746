import type { FencingToken } from '@aside/events/store';

/**
 * Which partitions this gateway owns (DESIGN.md §4). A gateway serves, folds reports for and
 * reacts to the sessions of its partitions only; every append carries the partition's fencing
 * token, so a former owner (paused, then resumed) is refused by the store itself.
 */
export interface PartitionOwnership {
  /**
   * How many partitions session ids spread over (P), on every gateway of the deployment: an id
   * naming partition P or above names no session anywhere.
   */
  readonly partitionCount: number;
  /** Starts acquiring partitions; the listener hears every gain and loss, one at a time. */
  start(listener: OwnershipListener): Promise<void>;
  /** The token for appends to the partition, or undefined when this gateway does not (or no longer surely) own it. */
  tokenFor(partition: number): FencingToken | undefined;
  /** The partitions owned now. */
  owned(): readonly number[];
  /** Who owns the partition, for a redirect; undefined when nobody does (or it is unknown). */
  ownerOf(partition: number): Promise<PartitionOwner | undefined>;
  /** The store refused an append with this token: the partition was taken over; let it go now. */
  fenced(partition: number): Promise<void>;
  /** Remembers an open session of an owned partition, so a later owner finds it (before its first commit). */
  trackSession(sessionId: string, partition: number): Promise<void>;
  /** Forgets a closed session. */
  untrackSession(sessionId: string, partition: number): Promise<void>;
  /** The open sessions of a partition, for its new owner to resume. */
  sessionsOf(partition: number): Promise<readonly string[]>;
  /** Hands every partition over (listener hears the losses first) and stops. */
  close(): Promise<void>;
}

export interface PartitionOwner {
  readonly gatewayId: string;
  /** Where clients reach it (for a redirect); undefined when it advertised none. */
  readonly url: string | undefined;
}

export interface OwnershipListener {
  /** The partition is ours with this token: resume its sessions, consume its inbox. Rejecting releases it again. */
  acquired(partition: number, token: FencingToken): Promise<void>;
  /** The partition is no longer ours: stop everything for its sessions. */
  lost(partition: number): Promise<void>;
}

/**
 * Embedded mode and tests: one gateway owns every partition for good, no fencing (nothing else
 * could write), sessions tracked in memory.
 */
export class SoleOwnership implements PartitionOwnership {
  private readonly sessions = new Map<number, Set<string>>();
  private listener: OwnershipListener | undefined;

  constructor(readonly partitionCount: number) {}

  async start(listener: OwnershipListener): Promise<void> {
    this.listener = listener;
    for (let partition = 0; partition < this.partitionCount; partition += 1) await listener.acquired(partition, { partition, epoch: 0 });
  }

  tokenFor(partition: number): FencingToken | undefined {
    return partition < this.partitionCount ? { partition, epoch: 0 } : undefined;
  }

  owned(): readonly number[] {
    return Array.from({ length: this.partitionCount }, (_, partition) => partition);
  }

  async ownerOf(): Promise<PartitionOwner | undefined> {
    return undefined;
  }

  async fenced(): Promise<void> {
    // Nothing can take a partition over from the sole owner.
  }

  async trackSession(sessionId: string, partition: number): Promise<void> {
    const sessions = this.sessions.get(partition) ?? new Set<string>();
    sessions.add(sessionId);
    this.sessions.set(partition, sessions);
  }

  async untrackSession(sessionId: string, partition: number): Promise<void> {
    this.sessions.get(partition)?.delete(sessionId);
  }

  async sessionsOf(partition: number): Promise<readonly string[]> {
    return [...(this.sessions.get(partition) ?? [])];
  }

  async close(): Promise<void> {
    for (const partition of this.owned()) await this.listener?.lost(partition);
  }
}
