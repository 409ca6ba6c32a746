import { describe, expect, it, beforeEach, afterEach } from '@jest/globals';
import { InvalidEventError, streamName, type NewEvent } from '../../src/index.js';
import {
  ConcurrencyError,
  FencedError,
  InvalidAppendError,
  InvalidStreamError,
  SessionDeletedError,
  StreamClosedError,
  type EventStore,
  type StoredEvent,
} from '../../src/store/index.js';
import { cartStream, itemAdded, newSessionId, testCatalogue } from '../fixtures/test-catalogue.js';

export interface EventStoreHarness {
  create(): Promise<EventStore>;
  /** Trims or deletes everything the adapter keeps for the session except the log itself. */
  trimAllButLog(store: EventStore, sessionId: string): Promise<void>;
}

async function all<T>(page: Promise<{ events: readonly T[] }>): Promise<readonly T[]> {
  return (await page).events;
}

async function take(iterable: AsyncIterable<StoredEvent>, count: number): Promise<StoredEvent[]> {
  const taken: StoredEvent[] = [];
  if (count === 0) return taken;
  for await (const event of iterable) {
    taken.push(event);
    if (taken.length === count) break;
  }
  return taken;
}

/**
 * The behaviour every EventStore adapter must have (DESIGN.md §2). Each adapter's spec file
 * runs this suite; an adapter that passes it can replace another.
 */
export function describeEventStoreContract(adapter: string, harness: EventStoreHarness): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let store: EventStore;
    let session: string;
    let cart: string;

    beforeEach(async () => {
      store = await harness.create();
      session = newSessionId();
      cart = cartStream(session);
    });
    afterEach(async () => {
      await store.close();
    });

    describe('appending', () => {
      it('assigns gap-free versions and log positions and fills the envelope', async () => {
        const result = await store.append(session, [itemAdded(cart, 'a'), itemAdded(cart, 'b', 2)], { expectedVersions: { [cart]: 'no_stream' } });

        expect(result).toMatchObject({ duplicate: false, firstPosition: 1, lastPosition: 2, streamVersions: { [cart]: 2 } });
        const events = await all(store.readStream(cart));
        expect(events.map((e) => [e.version, e.position, (e.data as { sku: string }).sku])).toEqual([
          [1, 1, 'a'],
          [2, 2, 'b'],
        ]);
        expect(events[0]).toMatchObject({
          type: 'ItemAdded',
          schemaVersion: 2,
          stream: cart,
          sessionId: session,
          occurredAt: '2026-11-24T10:00:00.000Z',
          recordedAt: result.recordedAt,
          actor: { kind: 'user', id: 'u1' },
          correlationId: 'turn-1',
          data: { sku: 'a', quantity: 1, note: '' },
        });
        expect(await store.streamVersion(cart)).toBe(2);
        expect(await store.logPosition(session)).toBe(2);
      });

      it('refuses a stale expected version with the expected and actual versions, writing nothing', async () => {
        await store.append(session, [itemAdded(cart, 'a')]);

        const attempt = store.append(session, [itemAdded(cart, 'b')], { expectedVersions: { [cart]: 0 } });

        await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(attempt).rejects.toMatchObject({ stream: cart, expected: 0, actual: 1 });
        expect(await store.streamVersion(cart)).toBe(1);
        expect(await store.logPosition(session)).toBe(1);
      });

      it('treats no_stream as "no event yet" and a number as the exact current version', async () => {
        await expect(store.append(session, [itemAdded(cart, 'a')], { expectedVersions: { [cart]: 'no_stream' } })).resolves.toBeDefined();
        await expect(store.append(session, [itemAdded(cart, 'b')], { expectedVersions: { [cart]: 'no_stream' } })).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.append(session, [itemAdded(cart, 'b')], { expectedVersions: { [cart]: 1 } })).resolves.toMatchObject({ streamVersions: { [cart]: 2 } });
      });

      it('lets exactly one of 50 concurrent appends at the same version win', async () => {
        await store.append(session, [itemAdded(cart, 'seed')]);

        const outcomes = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => store.append(session, [itemAdded(cart, `racer-${i}`)], { expectedVersions: { [cart]: 1 } })),
        );

        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(49);
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(ConcurrencyError);
        expect(await store.streamVersion(cart)).toBe(2);
        expect(await all(store.readLog(session))).toHaveLength(2);
      });

      it('checks the expected position of the session log, covering every stream', async () => {
        const other = cartStream(session, 'cart2');
        await store.append(session, [itemAdded(cart, 'a')]);
        await store.append(session, [itemAdded(other, 'b')]);

        await expect(store.append(session, [itemAdded(cart, 'c')], { expectedPosition: 1 })).rejects.toMatchObject({ stream: '$log', expected: 1, actual: 2 });
        await expect(store.append(session, [itemAdded(cart, 'c')], { expectedPosition: 2 })).resolves.toMatchObject({ lastPosition: 3 });
      });

      it('checks a stream named in expectedVersions even when the commit does not write it', async () => {
        const guard = cartStream(session, 'guard');
        await store.append(session, [itemAdded(guard, 'g')]);

        await expect(store.append(session, [itemAdded(cart, 'a')], { expectedVersions: { [guard]: 'no_stream' } })).rejects.toMatchObject({ stream: guard });
        const result = await store.append(session, [itemAdded(cart, 'a')], { expectedVersions: { [guard]: 1 } });
        expect(result.streamVersions).toEqual({ [cart]: 1 });
      });
    });

    describe('idempotency', () => {
      it('answers a retried commit with the original result and writes nothing', async () => {
        const first = await store.append(session, [itemAdded(cart, 'a'), itemAdded(cart, 'b')], { idempotencyKey: 'cmd-42' });
        await store.append(session, [itemAdded(cart, 'c')]);

        const retry = await store.append(session, [itemAdded(cart, 'a'), itemAdded(cart, 'b')], { idempotencyKey: 'cmd-42' });

        expect(retry).toEqual({ ...first, duplicate: true });
        expect(await store.logPosition(session)).toBe(3);
        expect((await all(store.readStream(cart))).map((e) => (e.data as { sku: string }).sku)).toEqual(['a', 'b', 'c']);
      });

      it('answers a retry even when its expected version is stale by now', async () => {
        await store.append(session, [itemAdded(cart, 'a')], { idempotencyKey: 'k1', expectedVersions: { [cart]: 'no_stream' } });
        const retry = await store.append(session, [itemAdded(cart, 'a')], { idempotencyKey: 'k1', expectedVersions: { [cart]: 'no_stream' } });
        expect(retry).toMatchObject({ duplicate: true, streamVersions: { [cart]: 1 } });
      });
    });

    describe('multi-stream commits', () => {
      it('writes several streams in one commit, in commit order in the log', async () => {
        const other = cartStream(session, 'cart2');
        const result = await store.append(session, [itemAdded(cart, 'a'), itemAdded(other, 'b'), itemAdded(cart, 'c')]);

        expect(result.streamVersions).toEqual({ [cart]: 2, [other]: 1 });
        const log = await all(store.readLog(session));
        expect(log.map((e) => [e.stream, e.version, e.position])).toEqual([
          [cart, 1, 1],
          [other, 1, 2],
          [cart, 2, 3],
        ]);
      });

      it('writes nothing to any stream when one stream conflicts', async () => {
        const other = cartStream(session, 'cart2');
        await store.append(session, [itemAdded(other, 'x')]);

        const attempt = store.append(session, [itemAdded(cart, 'a'), itemAdded(other, 'b')], {
          expectedVersions: { [cart]: 'no_stream', [other]: 'no_stream' },
        });

        await expect(attempt).rejects.toMatchObject({ conflicts: [{ stream: other, expected: 'no_stream', actual: 1 }] });
        expect(await store.streamVersion(cart)).toBe(0);
        expect(await store.streamVersion(other)).toBe(1);
        expect(await store.logPosition(session)).toBe(1);
        expect(await all(store.readStream(cart))).toEqual([]);
      });

      it('keeps the log in commit order under concurrent writers, each commit contiguous', async () => {
        const other = cartStream(session, 'cart2');
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.append(session, [itemAdded(cart, `c${i}`), itemAdded(other, `o${i}`)])),
        );

        const log = await all(store.readLog(session));
        expect(log.map((e) => e.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        for (const result of results) {
          const commit = log.slice(result.firstPosition - 1, result.lastPosition);
          expect(commit.map((e) => e.stream)).toEqual([cart, other]);
          expect((commit[0]!.data as { sku: string }).sku.slice(1)).toBe((commit[1]!.data as { sku: string }).sku.slice(1));
        }
        for (const stream of [cart, other]) {
          expect((await all(store.readStream(stream))).map((e) => e.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        }
      });
    });

    describe('reading', () => {
      it('reads a stream from a version, page by page', async () => {
        await store.append(session, Array.from({ length: 7 }, (_, i) => itemAdded(cart, `s${i}`)));

        const first = await store.readStream(cart, { fromVersion: 2, limit: 3 });
        const second = await store.readStream(cart, { fromVersion: first.next!, limit: 3 });

        expect(first.events.map((e) => e.version)).toEqual([2, 3, 4]);
        expect(first.next).toBe(5);
        expect(second.events.map((e) => e.version)).toEqual([5, 6, 7]);
        expect(second.next).toBeNull();
        expect((await store.readStream(cart, { fromVersion: 8 })).events).toEqual([]);
      });

      it('reads the session log after a position, page by page', async () => {
        await store.append(session, Array.from({ length: 5 }, (_, i) => itemAdded(cart, `s${i}`)));

        const page = await store.readLog(session, { after: 1, limit: 2 });
        const rest = await store.readLog(session, { after: page.next!, limit: 10 });

        expect(page.events.map((e) => e.position)).toEqual([2, 3]);
        expect(rest.events.map((e) => e.position)).toEqual([4, 5]);
        expect(rest.next).toBeNull();
      });

      it('reads nothing from a stream or session never written', async () => {
        expect(await store.readStream(cart)).toEqual({ events: [], next: null });
        expect(await store.readLog(session)).toEqual({ events: [], next: null });
        expect(await store.streamVersion(cart)).toBe(0);
      });

      it('upcasts events stored at an older schema version', async () => {
        await store.append(session, [itemAdded(cart, 'old', 1, { schemaVersion: 1, data: { sku: 'old', qty: 4 } })]);

        const [event] = await all(store.readStream(cart));

        expect(event).toMatchObject({ schemaVersion: 2, data: { sku: 'old', quantity: 4, note: '' } });
      });

      it('survives a trim of everything but the log: reads stay complete, versions continue', async () => {
        await store.append(session, Array.from({ length: 4 }, (_, i) => itemAdded(cart, `s${i}`)));
        await harness.trimAllButLog(store, session);

        await store.append(session, [itemAdded(cart, 'after')], { expectedVersions: { [cart]: 4 } });

        const events = await all(store.readStream(cart, { fromVersion: 2 }));
        expect(events.map((e) => e.version)).toEqual([2, 3, 4, 5]);
        expect(await store.streamVersion(cart)).toBe(5);
      });
    });

    describe('subscriptions', () => {
      it('delivers the log after a position, then each new commit in order, until aborted', async () => {
        await store.append(session, [itemAdded(cart, 'a'), itemAdded(cart, 'b')]);
        const controller = new AbortController();

        const received = take(store.subscribeToLog(session, { after: 1, signal: controller.signal }), 3);
        await store.append(session, [itemAdded(cart, 'c')]);
        await store.append(session, [itemAdded(cartStream(session, 'cart2'), 'd')]);

        expect((await received).map((e) => [e.position, (e.data as { sku: string }).sku])).toEqual([
          [2, 'b'],
          [3, 'c'],
          [4, 'd'],
        ]);
        controller.abort();
      });

      it('ends the iteration when aborted while waiting', async () => {
        const controller = new AbortController();
        const iteration = take(store.subscribeToLog(session, { signal: controller.signal }), 5);

        controller.abort();

        await expect(iteration).resolves.toEqual([]);
      });
    });

    describe('fencing', () => {
      it('refuses a token older than one the session has seen, writing nothing', async () => {
        const partition = 3;
        await store.append(session, [itemAdded(cart, 'a')], { fencingToken: { partition, epoch: 2 } });

        const zombie = store.append(session, [itemAdded(cart, 'z')], { fencingToken: { partition, epoch: 1 } });

        await expect(zombie).rejects.toBeInstanceOf(FencedError);
        await expect(zombie).rejects.toMatchObject({ currentEpoch: 2 });
        expect(await store.logPosition(session)).toBe(1);
        await expect(store.append(session, [itemAdded(cart, 'b')], { fencingToken: { partition, epoch: 2 } })).resolves.toBeDefined();
        await expect(store.append(session, [itemAdded(cart, 'c')], { fencingToken: { partition, epoch: 3 } })).resolves.toBeDefined();
        await expect(store.append(session, [itemAdded(cart, 'z')], { fencingToken: { partition, epoch: 2 } })).rejects.toBeInstanceOf(FencedError);
      });

      it('raises the fence without an event, refusing the former owner at once', async () => {
        await store.append(session, [itemAdded(cart, 'a')], { fencingToken: { partition: 3, epoch: 1 } });

        await store.fence(session, { partition: 3, epoch: 5 });

        await expect(store.append(session, [itemAdded(cart, 'z')], { fencingToken: { partition: 3, epoch: 1 } })).rejects.toBeInstanceOf(FencedError);
        await expect(store.fence(session, { partition: 3, epoch: 4 })).rejects.toMatchObject({ currentEpoch: 5 });
        expect(await store.logPosition(session)).toBe(1);
      });

      it('refuses a token of another partition', async () => {
        await expect(store.append(session, [itemAdded(cart, 'a')], { fencingToken: { partition: 7, epoch: 9 } })).rejects.toBeInstanceOf(FencedError);
        expect(await store.logPosition(session)).toBe(0);
      });
    });

    describe('closing and deleting', () => {
      it('closes a stream with its last commit and refuses later appends to it', async () => {
        const other = cartStream(session, 'cart2');
        await store.append(session, [itemAdded(cart, 'a')], { closeStreams: [cart] });

        await expect(store.append(session, [itemAdded(cart, 'b')])).rejects.toBeInstanceOf(StreamClosedError);
        await expect(store.append(session, [itemAdded(other, 'b'), itemAdded(cart, 'c')])).rejects.toMatchObject({ stream: cart });
        await expect(store.append(session, [itemAdded(other, 'b')])).resolves.toBeDefined();
        expect(await store.streamVersion(cart)).toBe(1);
      });

      it('deletes a session whole and leaves a tombstone against late appends', async () => {
        await store.append(session, [itemAdded(cart, 'a'), itemAdded(cartStream(session, 'cart2'), 'b')]);

        await store.deleteSession(session);

        expect(await store.readLog(session)).toEqual({ events: [], next: null });
        expect(await store.readStream(cart)).toEqual({ events: [], next: null });
        await expect(store.append(session, [itemAdded(cart, 'late')])).rejects.toBeInstanceOf(SessionDeletedError);
      });
    });

    describe('snapshots', () => {
      it('saves and loads a snapshot of the same schema revision only', async () => {
        await store.append(session, [itemAdded(cart, 'a'), itemAdded(cart, 'b')]);

        await store.saveSnapshot({ stream: cart, version: 2, schemaRevision: 1, state: { items: ['a', 'b'] } });

        expect(await store.loadSnapshot(cart, 1)).toEqual({ stream: cart, version: 2, schemaRevision: 1, state: { items: ['a', 'b'] } });
        expect(await store.loadSnapshot(cart, 2)).toBeNull();
        expect(await store.loadSnapshot(cartStream(session, 'none'), 1)).toBeNull();
      });

      it('refuses a snapshot ahead of its stream', async () => {
        await store.append(session, [itemAdded(cart, 'a')]);
        await expect(store.saveSnapshot({ stream: cart, version: 2, schemaRevision: 1, state: {} })).rejects.toBeInstanceOf(InvalidAppendError);
      });

      it('refuses a snapshot of a deleted session, so retention leaves nothing behind', async () => {
        await store.append(session, [itemAdded(cart, 'a')]);
        await store.deleteSession(session);

        await expect(store.saveSnapshot({ stream: cart, version: 1, schemaRevision: 1, state: {} })).rejects.toBeInstanceOf(SessionDeletedError);
        expect(await store.loadSnapshot(cart, 1)).toBeNull();
      });
    });

    describe('bad input', () => {
      it('refuses an event violating its schema with the zod path, writing nothing of the commit', async () => {
        const bad = itemAdded(cart, 'b', 1, { data: { sku: 'b', quantity: -3 } });

        const attempt = store.append(session, [itemAdded(cart, 'a'), bad]);

        await expect(attempt).rejects.toBeInstanceOf(InvalidEventError);
        await expect(attempt).rejects.toMatchObject({ eventType: 'ItemAdded', problems: [{ path: 'data.quantity' }] });
        expect(await store.logPosition(session)).toBe(0);
      });

      it('refuses an unknown event type and a malformed envelope', async () => {
        await expect(store.append(session, [{ ...itemAdded(cart, 'a'), type: 'Nope' }])).rejects.toThrow('unknown event type "Nope"');
        const noActor = { ...itemAdded(cart, 'a'), actor: { kind: 'robot', id: 'r' } } as unknown as NewEvent;
        await expect(store.append(session, [noActor])).rejects.toMatchObject({ problems: [{ path: 'actor.kind' }] });
        expect(await store.logPosition(session)).toBe(0);
      });

      it('refuses streams without a valid session id, or of another session', async () => {
        await expect(store.append('not-a-session', [itemAdded(cart, 'a')])).rejects.toBeInstanceOf(InvalidStreamError);
        await expect(store.append(session, [itemAdded('cart/nope/1', 'a')])).rejects.toBeInstanceOf(InvalidStreamError);
        await expect(store.append(session, [itemAdded(streamName('cart', newSessionId()), 'a')])).rejects.toThrow(/belongs to session/);
        await expect(store.readStream('cart')).rejects.toBeInstanceOf(InvalidStreamError);
        expect(await store.logPosition(session)).toBe(0);
      });

      it('refuses empty commits and malformed options', async () => {
        await expect(store.append(session, [])).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(session, [itemAdded(cart, 'a')], { expectedVersions: { [cart]: -1 } })).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(session, [itemAdded(cart, 'a')], { closeStreams: [cartStream(session, 'other')] })).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.readLog(session, { limit: 0 })).rejects.toBeInstanceOf(InvalidAppendError);
        expect(await store.logPosition(session)).toBe(0);
      });
    });
  });
}
