import { afterAll, describe, expect, it } from '@jest/globals';
import { InMemoryClosedSessionIndex, InMemoryLateResultOutbox, type ClosedSessionIndex, type LateResultOutbox } from '@aside/engine';
import { testKeyPrefix } from '@aside/testing';
import { Redis } from 'ioredis';
import { AsideKeys, RedisClosedSessionIndex, RedisLateResultOutbox } from '../src/index.js';
import { redisUrl } from './support/bullmq-harness.js';

const redis = new Redis(redisUrl());
afterAll(async () => {
  await redis.quit();
});

// One contract per port, run on each adapter: what retention and the late-result dispatcher rely on.
const indexes: readonly [string, () => ClosedSessionIndex][] = [
  ['in memory', () => new InMemoryClosedSessionIndex()],
  ['Redis', () => new RedisClosedSessionIndex({ connection: redis, prefix: testKeyPrefix('closed') })],
];

describe.each(indexes)('closed-session index (%s)', (_label, newIndex) => {
  it('lists the sessions of a partition closed by a time, oldest first, at most `limit`', async () => {
    const index = newIndex();
    await index.add('sess-1-cccccc', 1, 3_000);
    await index.add('sess-1-aaaaaa', 1, 1_000);
    await index.add('sess-1-bbbbbb', 1, 2_000);
    await index.add('sess-2-dddddd', 2, 500);

    expect(await index.due(1, 2_000, 10)).toEqual(['sess-1-aaaaaa', 'sess-1-bbbbbb']);
    expect(await index.due(1, 5_000, 2)).toEqual(['sess-1-aaaaaa', 'sess-1-bbbbbb']);
    expect(await index.due(1, 999, 10)).toEqual([]);
    expect(await index.due(2, 5_000, 10)).toEqual(['sess-2-dddddd']);
  });

  it('keeps the first close time of a session added again, and forgets a removed one (both idempotent)', async () => {
    const index = newIndex();
    await index.add('sess-1-aaaaaa', 1, 1_000);
    await index.add('sess-1-aaaaaa', 1, 9_000);
    expect(await index.due(1, 1_000, 10)).toEqual(['sess-1-aaaaaa']);

    await index.remove('sess-1-aaaaaa', 1);
    await index.remove('sess-1-aaaaaa', 1);
    expect(await index.due(1, 10_000, 10)).toEqual([]);
  });
});

const outboxes: readonly [string, () => LateResultOutbox][] = [
  ['in memory', () => new InMemoryLateResultOutbox()],
  ['Redis', () => new RedisLateResultOutbox({ connection: redis, prefix: testKeyPrefix('late') })],
];

describe.each(outboxes)('late-result outbox index (%s)', (_label, newOutbox) => {
  it('names the sessions of a partition with deliveries pending; add and remove are idempotent', async () => {
    const outbox = newOutbox();
    await outbox.add('sess-1-aaaaaa', 1);
    await outbox.add('sess-1-aaaaaa', 1);
    await outbox.add('sess-1-bbbbbb', 1);
    await outbox.add('sess-2-cccccc', 2);
    expect([...(await outbox.sessionsOf(1))].sort()).toEqual(['sess-1-aaaaaa', 'sess-1-bbbbbb']);

    await outbox.remove('sess-1-aaaaaa', 1);
    await outbox.remove('sess-1-aaaaaa', 1);
    expect(await outbox.sessionsOf(1)).toEqual(['sess-1-bbbbbb']);
    expect(await outbox.sessionsOf(3)).toEqual([]);
  });
});

describe('Redis keys of the indexes', () => {
  it('one key per partition under the partition\'s hash tag', async () => {
    const prefix = testKeyPrefix('keys');
    await new RedisClosedSessionIndex({ connection: redis, prefix }).add('sess-4-aaaaaa', 4, 1_000);
    await new RedisLateResultOutbox({ connection: redis, prefix }).add('sess-4-aaaaaa', 4);
    const keys = new AsideKeys(prefix);
    expect(keys.closedSessions(4)).toBe(`${prefix}:closed-sessions:{4}`);
    expect(keys.lateResults(4)).toBe(`${prefix}:late-results:{4}`);
    expect(await redis.zscore(keys.closedSessions(4), 'sess-4-aaaaaa')).toBe('1000');
    expect(await redis.sismember(keys.lateResults(4), 'sess-4-aaaaaa')).toBe(1);
  });
});
