import { ForwardingOwnership } from '../ownership/forwarding-ownership.js';
import type { PartitionOwnership } from '../ownership/partition-ownership.js';
import type { Clock } from '../sessions/clock.js';
import type { ClosedSessionIndex } from './closed-session-index.js';

/**
 * The ownership as the gateway uses it, with one addition: a session the gateway stops tracking
 * (it closed — or, found by a takeover, never started) is put in the closed-session index
 * first, so retention finds it. Both paths that untrack go through here — the commit of
 * `SessionClosed`, and a new owner finding a closed session still tracked because its former
 * owner died right after the close — so no closed session escapes the index.
 */
export class ClosedSessionTracking extends ForwardingOwnership {
  private readonly writes = new Set<Promise<void>>();

  constructor(
    inner: PartitionOwnership,
    private readonly index: ClosedSessionIndex,
    private readonly clock: Clock,
  ) {
    super(inner);
  }

  override async untrackSession(sessionId: string, partition: number): Promise<void> {
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

  /** Stops tracking a session without indexing it (retention deleted it: nothing is left to sweep). */
  forget(sessionId: string, partition: number): Promise<void> {
    return this.inner.untrackSession(sessionId, partition);
  }

  /** Resolves once every index write begun so far has landed: a sweep then sees every close before it. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.writes]);
  }
}
