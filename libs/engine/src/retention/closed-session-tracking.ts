import type { FencingToken } from '@aside/events/store';
import type { OwnershipListener, PartitionOwner, PartitionOwnership } from '../ownership/partition-ownership.js';
import type { Clock } from '../sessions/clock.js';
import type { ClosedSessionIndex } from './closed-session-index.js';

/**
 * The ownership as the gateway uses it, with one addition: a session the gateway stops tracking
 * (it closed — or, found by a takeover, never started) is put in the closed-session index
 * first, so retention finds it. Both paths that untrack go through here — the commit of
 * `SessionClosed`, and a new owner finding a closed session still tracked because its former
 * owner died right after the close — so no closed session escapes the index.
 */
export class ClosedSessionTracking implements PartitionOwnership {
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly inner: PartitionOwnership,
    private readonly index: ClosedSessionIndex,
    private readonly clock: Clock,
  ) {}

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

  async untrackSession(sessionId: string, partition: number): Promise<void> {
    // Indexed before it is untracked: a crash in between leaves it tracked, and the next owner
    // comes back here.
    const write = this.index.add(sessionId, partition, this.clock.now().getTime());
    this.writes.add(write);
    try {
      await write;
    } finally {
      this.writes.delete(write);
    }
    await this.inner.untrackSession(sessionId, partition);
  }

  sessionsOf(partition: number): Promise<readonly string[]> {
    return this.inner.sessionsOf(partition);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Stops tracking a session without indexing it (retention deleted it: nothing is left to sweep). */
  forget(sessionId: string, partition: number): Promise<void> {
    return this.inner.untrackSession(sessionId, partition);
  }

  /** Resolves once every index write begun so far has landed: a sweep then sees every close before it. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.writes]);
  }
}
