import { ForwardingOwnership, type OwnershipListener } from '@aside/engine';

/** Hears which partitions this gateway gains and loses, after the engine has. */
export interface PartitionWatcher {
  acquired(partition: number): void;
  lost(partition: number): void;
}

/**
 * The gateway's partition ownership, passed through unchanged, with watchers told of every
 * gain (after the engine resumed the partition's sessions) and loss (before the engine lets
 * them go). The LiveKit room follows its partition this way: joined by whoever owns it.
 */
export class PartitionSignals extends ForwardingOwnership {
  private readonly watchers = new Set<PartitionWatcher>();

  /** Adds a watcher; answers a function that removes it. */
  watch(watcher: PartitionWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  override start(listener: OwnershipListener): Promise<void> {
    return this.inner.start({
      acquired: async (partition, token) => {
        await listener.acquired(partition, token);
        for (const watcher of this.watchers) watcher.acquired(partition);
      },
      lost: async (partition) => {
        for (const watcher of this.watchers) watcher.lost(partition);
        await listener.lost(partition);
      },
    });
  }
}
