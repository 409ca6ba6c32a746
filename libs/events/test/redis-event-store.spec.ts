import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { testKeyPrefix } from '@aside/testing';
import { CorruptEventError, RedisEventStore, type EventStore } from '../src/store/index.js';
import { describeEventStoreContract } from './contract/event-store.contract.js';
import { cartStream, itemAdded, newSessionId, testCatalogue } from './fixtures/test-catalogue.js';

let redis: Redis;
const prefix = testKeyPrefix('store');

beforeAll(() => {
  redis = new Redis(process.env['REDIS_URL']!);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const createStore = () => new RedisEventStore({ connection: redis, catalogue: testCatalogue, keyPrefix: prefix, subscriptionHeartbeatMs: 200 });

describeEventStoreContract('redis', {
  create: async () => createStore(),
  trimAllButLog: async (_store: EventStore, sessionId: string) => {
    const indexes = await redis.keys(`${prefix}:{${sessionId}}:index:*`);
    expect(indexes.length).toBeGreaterThan(0);
    for (const key of indexes) await redis.xtrim(key, 'MAXLEN', 0);
    await redis.del(`${prefix}:{${sessionId}}:idem`, `${prefix}:{${sessionId}}:snap`);
  },
});

describe('RedisEventStore on a real Redis', () => {
  it('keeps every key of a session under the session hash tag', async () => {
    const store = createStore();
    const session = newSessionId();
    await store.append(session, [itemAdded(cartStream(session), 'a'), itemAdded(cartStream(session, 'b'), 'b')], { idempotencyKey: 'k' });
    await store.saveSnapshot({ stream: cartStream(session), version: 1, schemaRevision: 1, state: {} });

    const keys = await redis.keys(`${prefix}:*${session}*`);

    expect(keys.length).toBe(6);
    for (const key of keys) expect(key.slice(key.indexOf('{') + 1, key.indexOf('}'))).toBe(session);
  });

  it('versions come from the counter, not XLEN: a trimmed log index does not rewind them', async () => {
    const store = createStore();
    const session = newSessionId();
    const cart = cartStream(session);
    await store.append(session, [itemAdded(cart, 'a'), itemAdded(cart, 'b')]);
    await redis.del(store.keysOf(session).index(cart));

    const result = await store.append(session, [itemAdded(cart, 'c')], { expectedVersions: { [cart]: 2 } });

    expect(result.streamVersions[cart]).toBe(3);
  });

  it('reloads its scripts after the server forgot them', async () => {
    const store = createStore();
    const session = newSessionId();
    await store.append(session, [itemAdded(cartStream(session), 'a')]);
    await redis.script('FLUSH');

    await expect(store.append(session, [itemAdded(cartStream(session), 'b')])).resolves.toMatchObject({ lastPosition: 2 });
  });

  it('refuses to hand out an entry that was corrupted behind its back', async () => {
    const store = createStore();
    const session = newSessionId();
    const cart = cartStream(session);
    await store.append(session, [itemAdded(cart, 'a')]);
    await redis.xadd(store.keysOf(session).log, '2-0', 'stream', cart, 'version', '2', 'type', 'ItemAdded', 'sv', '2', 't', '0', 'e', '{"data":{}}');

    await expect(store.readLog(session)).rejects.toBeInstanceOf(CorruptEventError);
  });
});

