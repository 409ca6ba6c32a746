import type { FencingToken } from '@aside/events/store';
import type { OwnershipListener, PartitionOwner, PartitionOwnership } from './partition-ownership.js';

/**
 * A decorator's starting point: every call forwarded to the ownership it wraps, so a subclass
 * overrides only the calls it adds something to.
 */
export class ForwardingOwnership implements PartitionOwnership {
  constructor(protected readonly inner: PartitionOwnership) {}

  get partitionCount(): number {
    return this.inner.partitionCount;
  }

  start(listener: OwnershipListener): Promise<void> {
    return this.inner.start(listener);
  }

  tokenFor(partition: number): FencingToken | undefined {
    return this.inner.tokenFor(partition);
  }

  owned(): readonly number[] {
    return this.inner.owned();
  }

  ownerOf(partition: number): Promise<PartitionOwner | undefined> {
    return this.inner.ownerOf(partition);
  }

  fenced(partition: number): Promise<void> {
    return this.inner.fenced(partition);
  }

  trackSession(sessionId: string, partition: number): Promise<void> {
    return this.inner.trackSession(sessionId, partition);
  }

  untrackSession(sessionId: string, partition: number): Promise<void> {
    return this.inner.untrackSession(sessionId, partition);
  }

  sessionsOf(partition: number): Promise<readonly string[]> {
    return this.inner.sessionsOf(partition);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
