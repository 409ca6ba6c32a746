import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { eventually, testKeyPrefix } from '@aside/testing';
import { RedisEventStore, type StoredEvent } from '../src/store/index.js';
import { cartStream, itemAdded, newSessionId, testCatalogue } from './fixtures/test-catalogue.js';

/**
 * Subscriptions of the Redis store hear commit notices (published by the append script) on one
 * shared subscriber connection and read the log only when it grew — which the contract suite
 * cannot see: these specs pin the sharing, recovery from a lost connection, and the bounded
 * buffer of a subscriber that stops pulling.
 */
let redis: Redis;
const prefix = testKeyPrefix('feeds');
const stores: RedisEventStore[] = [];
let controller = new AbortController();

beforeAll(() => {
  redis = new Redis(process.env['REDIS_URL']!);
});
beforeEach(() => {
  controller = new AbortController();
});
afterEach(async () => {
  controller.abort();
  await Promise.all(stores.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

function createStore(keyPrefix: string, options: { subscriptionHeartbeatMs?: number } = {}): RedisEventStore {
  const store = new RedisEventStore({ connection: redis, catalogue: testCatalogue, keyPrefix, ...options });
  stores.push(store);
  return store;
}

async function noticeConnections(keyPrefix: string): Promise<string[]> {
  return ((await redis.client('LIST')) as string).split('\n').filter((line) => line.includes(` name=${keyPrefix}-log-notices `));
}

/** Pulls `count` events from a subscription, in order. */
async function take(iterator: AsyncIterator<StoredEvent>, count: number): Promise<number[]> {
  const positions: number[] = [];
  while (positions.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    positions.push(next.value.position);
  }
  return positions;
}

function subscribe(store: RedisEventStore, sessionId: string, after = 0, signal = controller.signal): AsyncIterator<StoredEvent> {
  return store.subscribeToLog(sessionId, { after, signal })[Symbol.asyncIterator]();
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('RedisEventStore subscriptions share one notice connection', () => {
  it('follows 200 sessions on one subscriber connection, each subscriber getting exactly its own log', async () => {
    const keyPrefix = `${prefix}-shared`;
    const store = createStore(keyPrefix);
    const sessions = Array.from({ length: 200 }, () => newSessionId());
    const iterators = sessions.map((session) => subscribe(store, session));
    const received = iterators.map((iterator) => take(iterator, 2));

    for (const session of sessions) await store.append(session, [itemAdded(cartStream(session), 'a')]);
    for (const session of sessions) await store.append(session, [itemAdded(cartStream(session), 'b')]);

    const logs = await Promise.all(received);
    expect(logs.every((positions) => positions.join() === '1,2')).toBe(true);
    const connections = await noticeConnections(keyPrefix);
    expect(connections).toHaveLength(1);
    expect(connections[0]).toContain(' sub=200 ');
  });

  it('gives a second subscriber of a followed log the whole log from its own position', async () => {
    const store = createStore(`${prefix}-late`);
    const session = newSessionId();
    const early = subscribe(store, session);
    await store.append(session, [itemAdded(cartStream(session), 'a'), itemAdded(cartStream(session), 'b')]);
    expect(await take(early, 2)).toEqual([1, 2]);

    const late = subscribe(store, session);
    const lateReceived = take(late, 3);
    await store.append(session, [itemAdded(cartStream(session), 'c')]);

    expect(await lateReceived).toEqual([1, 2, 3]);
    expect(await take(early, 1)).toEqual([3]);
  });

  it('reads what was committed while its notice connection was down', async () => {
    const keyPrefix = `${prefix}-killed`;
    const store = createStore(keyPrefix);
    const session = newSessionId();
    const cart = cartStream(session);
    const iterator = subscribe(store, session);
    const first = take(iterator, 1);
    await store.append(session, [itemAdded(cart, 'a')]);
    expect(await first).toEqual([1]);
    const [connection] = await noticeConnections(keyPrefix);

    // Killed, then a commit whose notice nobody hears: only the re-read after the reconnect finds it.
    await redis.client('KILL', 'ID', connection!.match(/^id=(\d+)/)![1]!);
    await store.append(session, [itemAdded(cart, 'unheard')]);

    expect(await take(iterator, 1)).toEqual([2]);
  });

  it('a subscriber that stops pulling while thousands of events arrive still gets every one, in order', async () => {
    const store = createStore(`${prefix}-slow`);
    const session = newSessionId();
    const slow = subscribe(store, session);
    const cart = cartStream(session);
    const first = take(slow, 1);
    await store.append(session, [itemAdded(cart, 'first')]);
    expect(await first).toEqual([1]);

    // More than the 5,000 entries a subscriber may have waiting: its buffer overflows and it
    // reads the log itself from where it stopped.
    for (let batch = 0; batch < 12; batch += 1) {
      await store.append(session, Array.from({ length: 500 }, (_, i) => itemAdded(cart, `sku-${batch}-${i}`)));
    }

    expect(await take(slow, 6_000)).toEqual(range(2, 6_001));
  });

  it('gives the notice connection back once no subscription is left', async () => {
    const keyPrefix = `${prefix}-release`;
    const store = createStore(keyPrefix);
    const session = newSessionId();
    const subscription = new AbortController();
    const iterator = subscribe(store, session, 0, subscription.signal);
    const received = take(iterator, 1);
    await store.append(session, [itemAdded(cartStream(session), 'a')]);
    expect(await received).toEqual([1]);
    expect(await noticeConnections(keyPrefix)).toHaveLength(1);

    subscription.abort();
    await iterator.next();

    await eventually('the notice connection is closed', async () => (await noticeConnections(keyPrefix)).length === 0);
  });

  it('keeps following when the notice connection is closed and opened again between waves of subscriptions', async () => {
    // Each wave opens the connection with its first subscription and closes it with its last:
    // subscriptions made while the connection is still coming up must hold.
    const store = createStore(`${prefix}-waves`);
    for (let wave = 0; wave < 6; wave += 1) {
      const sessions = Array.from({ length: 30 }, () => newSessionId());
      const iterators = sessions.map((session) => subscribe(store, session));
      const received = iterators.map((iterator) => take(iterator, 1));
      for (const session of sessions) await store.append(session, [itemAdded(cartStream(session), 'a')]);

      expect(await Promise.all(received)).toEqual(sessions.map(() => [1]));
      await Promise.all(iterators.map((iterator) => iterator.return?.()));
    }
  });

  it('ends every subscription when the store closes', async () => {
    const store = createStore(`${prefix}-close`);
    const session = newSessionId();
    const iterator = subscribe(store, session);
    const pending = iterator.next();

    await store.close();

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });
});
