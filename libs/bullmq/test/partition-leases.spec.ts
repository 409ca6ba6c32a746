import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { OwnershipListener } from '@aside/engine';
import type { FencingToken } from '@aside/events/store';
import { testKeyPrefix } from '@aside/testing';
import { RedisPartitionLeases, type RedisPartitionLeasesOptions } from '../src/index.js';
import { redisUrl } from './support/bullmq-harness.js';
import { eventually } from './support/distributed.js';

/** Records what a gateway was told, in order. */
class Recorder implements OwnershipListener {
  readonly gains: FencingToken[] = [];
  readonly losses: number[] = [];
  readonly owned = new Set<number>();

  async acquired(partition: number, token: FencingToken): Promise<void> {
    this.gains.push(token);
    this.owned.add(partition);
  }

  async lost(partition: number): Promise<void> {
    this.losses.push(partition);
    this.owned.delete(partition);
  }
}

describe('partition leases', () => {
  let prefix: string; // one deployment per test
  const started: RedisPartitionLeases[] = [];
  beforeEach(() => {
    prefix = testKeyPrefix('leases');
  });
  afterEach(async () => {
    for (const leases of started.splice(0)) await leases.close();
  });

  async function gateway(gatewayId: string, options: Partial<RedisPartitionLeasesOptions> = {}): Promise<{ leases: RedisPartitionLeases; seen: Recorder }> {
    const leases = new RedisPartitionLeases({ connection: redisUrl(), prefix, partitions: 4, gatewayId, leaseTtlMs: 600, renewEveryMs: 100, ...options });
    const seen = new Recorder();
    started.push(leases);
    await leases.start(seen);
    return { leases, seen };
  }

  it('gives a lone gateway every partition, each with a token it can append with', async () => {
    const { leases, seen } = await gateway('a');

    expect(leases.owned()).toEqual([0, 1, 2, 3]);
    expect([...seen.owned].sort()).toEqual([0, 1, 2, 3]);
    expect(seen.gains.map((token) => leases.tokenFor(token.partition))).toEqual(seen.gains);
  });

  it('shares the partitions with a gateway that joins, and hands them all back when it leaves', async () => {
    const a = await gateway('a');
    const b = await gateway('b');

    await eventually(() => a.leases.owned().length === 2 && b.leases.owned().length === 2);
    expect([...a.leases.owned(), ...b.leases.owned()].sort()).toEqual([0, 1, 2, 3]);
    expect(a.seen.losses).toHaveLength(2); // the handover of a's surplus

    await b.leases.close();
    started.splice(started.indexOf(b.leases), 1);
    await eventually(() => a.leases.owned().length === 4);
    expect(b.seen.owned.size).toBe(0);
  });

  it('lets a partition whose owner stopped renewing be taken over with a higher epoch; the old owner stops trusting its token by itself', async () => {
    // "Paused": it never renews after the first round, like a SIGSTOPped process.
    const paused = await gateway('paused', { partitions: 1, renewEveryMs: 60_000 });
    const before = paused.leases.tokenFor(0)!;
    const successor = await gateway('successor', { partitions: 1 });

    await eventually(() => successor.leases.tokenFor(0) !== undefined, 3_000);
    expect(successor.leases.tokenFor(0)!.epoch).toBeGreaterThan(before.epoch);
    expect(paused.leases.tokenFor(0)).toBeUndefined();
    expect(await successor.leases.ownerOf(0)).toEqual({ gatewayId: 'successor', url: undefined });
  });

  it('lets go of a partition at once when the store says a newer owner fenced it', async () => {
    const { leases, seen } = await gateway('a', { partitions: 1 });

    await leases.fenced(0);

    expect(leases.tokenFor(0)).toBeUndefined();
    expect(seen.losses).toEqual([0]);
  });

  it('keeps the open sessions of a partition for its next owner', async () => {
    const { leases } = await gateway('a', { partitions: 2 });

    await leases.trackSession('sess-1-aaaaaa', 1);
    await leases.trackSession('sess-1-bbbbbb', 1);
    await leases.untrackSession('sess-1-aaaaaa', 1);

    expect(await leases.sessionsOf(1)).toEqual(['sess-1-bbbbbb']);
    expect(await leases.sessionsOf(0)).toEqual([]);
  });
});
