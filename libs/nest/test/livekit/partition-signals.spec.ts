import { describe, expect, it } from '@jest/globals';
import { SoleOwnership, type OwnershipListener } from '@aside/engine';
import { PartitionSignals } from '../../src/livekit/partition-signals.js';

/** Records, in order, what the engine's listener and the watchers heard. */
function recorder() {
  const heard: string[] = [];
  const engine: OwnershipListener = {
    acquired: async (partition) => {
      await Promise.resolve(); // the engine resumes the partition's sessions: takes a while
      heard.push(`engine acquired ${partition}`);
    },
    lost: async (partition) => {
      await Promise.resolve();
      heard.push(`engine lost ${partition}`);
    },
  };
  return { heard, engine };
}

describe('PartitionSignals: watchers hear the partitions gained and lost', () => {
  it('tells watchers of a gain after the engine resumed the partition, and of a loss before the engine lets it go', async () => {
    const signals = new PartitionSignals(new SoleOwnership(2));
    const { heard, engine } = recorder();
    signals.watch({ acquired: (partition) => heard.push(`watcher acquired ${partition}`), lost: (partition) => heard.push(`watcher lost ${partition}`) });

    await signals.start(engine);
    expect(heard).toEqual(['engine acquired 0', 'watcher acquired 0', 'engine acquired 1', 'watcher acquired 1']);
    expect(signals.owned()).toEqual([0, 1]);
    expect(signals.tokenFor(1)).toEqual({ partition: 1, epoch: 0 });

    heard.length = 0;
    await signals.close(); // the gateway hands its partitions over
    expect(heard).toEqual(['watcher lost 0', 'engine lost 0', 'watcher lost 1', 'engine lost 1']);
  });

  it('stops telling a watcher once it is removed, and tells every other one', async () => {
    const signals = new PartitionSignals(new SoleOwnership(1));
    const { heard, engine } = recorder();
    const stop = signals.watch({ acquired: () => heard.push('removed watcher acquired'), lost: () => heard.push('removed watcher lost') });
    signals.watch({ acquired: (partition) => heard.push(`room acquired ${partition}`), lost: (partition) => heard.push(`room lost ${partition}`) });
    stop();

    await signals.start(engine);
    await signals.close();
    expect(heard).toEqual(['engine acquired 0', 'room acquired 0', 'room lost 0', 'engine lost 0']);
  });
});
