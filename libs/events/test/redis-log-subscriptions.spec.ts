import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { eventually, testKeyPrefix } from '@aside/testing';
import { RedisEventStore, type StoredEvent } from '../src/store/index.js';
import { cartStream, itemAdded, newSessionId, testCatalogue } from './fixtures/test-catalogue.js';

/**
 * Subscriptions of the Redis store share blocking connections (one XREAD over many session
 * logs), which the contract suite cannot see: these specs pin the sharing, the early wake-up
 * of a blocked read when a log joins, and the bounded buffer of a subscriber that stops pulling.
 */
let redis: Redis;
const prefix = testKeyPrefix('tails');
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

function createStore(keyPrefix: string, options: { subscriptionBlockMs?: number; logsPerSubscriptionConnection?: number } = {}): RedisEventStore {
  const store = new RedisEventStore({ connection: redis, catalogue: testCatalogue, keyPrefix, ...options });
  stores.push(store);
  return store;
}

async function blockingConnectionsNamed(name: string): Promise<number> {
  const clients = ((await redis.client('LIST')) as string).split('\n');
  return clients.filter((line) => line.includes(` name=${name}-log-tail-`)).length;
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

function subscribe(store: RedisEventStore, sessionId: string, after = 0, signal = new AbortController().signal): AsyncIterator<StoredEvent> {
  return store.subscribeToLog(sessionId, { after, signal })[Symbol.asyncIterator]();
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('RedisEventStore subscriptions share blocking connections', () => {
  it('follows 200 sessions on one blocking connection, each subscriber getting exactly its own log', async () => {
    const keyPrefix = `${prefix}-shared`;
    const store = createStore(keyPrefix);
    const sessions = Array.from({ length: 200 }, () => newSessionId());
    const iterators = sessions.map((session) => subscribe(store, session, 0, controller.signal));
    const received = iterators.map((iterator) => take(iterator, 2));

    for (const session of sessions) await store.append(session, [itemAdded(cartStream(session), 'a')]);
    for (const session of sessions) await store.append(session, [itemAdded(cartStream(session), 'b')]);

    const logs = await Promise.all(received);
    expect(logs.every((positions) => positions.join() === '1,2')).toBe(true);
    expect(await blockingConnectionsNamed(keyPrefix)).toBe(1);
  });

  it('opens another blocking connection only when each one follows its share of logs', async () => {
    const keyPrefix = `${prefix}-sharded`;
    const store = createStore(keyPrefix, { logsPerSubscriptionConnection: 2 });
    const sessions = Array.from({ length: 5 }, () => newSessionId());
    const received = sessions.map((session) => take(subscribe(store, session, 0, controller.signal), 1));

    for (const session of sessions) await store.append(session, [itemAdded(cartStream(session), 'a')]);

    expect(await Promise.all(received)).toEqual(sessions.map(() => [1]));
    expect(await blockingConnectionsNamed(keyPrefix)).toBe(3);
  });

  it('wakes a read blocked on other logs when a new log is followed, instead of waiting out its block time', async () => {
    // With a 60 s block, the second session's first event could only arrive within the test's
    // 5 s timeout if the blocked read was interrupted to include its log.
    const store = createStore(`${prefix}-wake`, { subscriptionBlockMs: 60_000 });
    const first = newSessionId();
    const firstReceived = take(subscribe(store, first, 0, controller.signal), 1);
    await store.append(first, [itemAdded(cartStream(first), 'a')]);
    expect(await firstReceived).toEqual([1]);

    const second = newSessionId();
    const secondReceived = take(subscribe(store, second, 0, controller.signal), 1);
    await store.append(second, [itemAdded(cartStream(second), 'a')]);

    expect(await secondReceived).toEqual([1]);
  }, 5_000);

  it('gives a second subscriber of a followed log the whole log from its own position', async () => {
    const store = createStore(`${prefix}-late`);
    const session = newSessionId();
    const early = subscribe(store, session, 0, controller.signal);
    await store.append(session, [itemAdded(cartStream(session), 'a'), itemAdded(cartStream(session), 'b')]);
    expect(await take(early, 2)).toEqual([1, 2]);

    const late = subscribe(store, session, 0, controller.signal);
    const lateReceived = take(late, 3);
    await store.append(session, [itemAdded(cartStream(session), 'c')]);

    expect(await lateReceived).toEqual([1, 2, 3]);
    expect(await take(early, 1)).toEqual([3]);
  });

  it('a subscriber that stops pulling while thousands of events arrive still gets every one, in order', async () => {
    const store = createStore(`${prefix}-slow`);
    const session = newSessionId();
    const slow = subscribe(store, session, 0, controller.signal);
    const cart = cartStream(session);
    expect(await Promise.all([take(slow, 1), store.append(session, [itemAdded(cart, 'first')])]).then(([positions]) => positions)).toEqual([1]);

    // More than the 5,000 entries a subscriber may have waiting: its buffer overflows and it
    // reads the log itself from where it stopped.
    for (let batch = 0; batch < 12; batch += 1) {
      await store.append(session, Array.from({ length: 500 }, (_, i) => itemAdded(cart, `sku-${batch}-${i}`)));
    }

    expect(await take(slow, 6_000)).toEqual(range(2, 6_001));
  });

  it('gives the blocking connection back once no subscription is left', async () => {
    const keyPrefix = `${prefix}-release`;
    const store = createStore(keyPrefix);
    const session = newSessionId();
    const subscription = new AbortController();
    const iterator = subscribe(store, session, 0, subscription.signal);
    const received = take(iterator, 1);
    await store.append(session, [itemAdded(cartStream(session), 'a')]);
    expect(await received).toEqual([1]);
    expect(await blockingConnectionsNamed(keyPrefix)).toBe(1);

    subscription.abort();
    await iterator.next();

    await eventually('the blocking connection is closed', async () => (await blockingConnectionsNamed(keyPrefix)) === 0);
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
