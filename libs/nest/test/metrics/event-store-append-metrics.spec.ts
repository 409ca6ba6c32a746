import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { createCatalogue, defineEvent, formatSessionId, streamName, type NewEvent } from '@aside/events';
import { ConcurrencyError, FencedError, InMemoryEventStore } from '@aside/events/store';
import { GatewayMetrics } from '../../src/metrics/gateway/gateway-metrics.js';
import { parseExposition } from './support/exposition.js';

const Noted = defineEvent('Noted', { data: z.object({ n: z.number() }) });
const catalogue = createCatalogue([Noted]);
const sessionId = formatSessionId(0, 'appendmetrics');

function noted(n: number): NewEvent {
  return {
    id: `note-${n}`,
    type: 'Noted',
    stream: streamName('note', sessionId),
    occurredAt: '2026-11-24T10:00:00.000Z',
    actor: { kind: 'user', id: 'u1' },
    causationId: `cmd-${n}`,
    correlationId: 'c',
    data: { n },
  };
}

/** The append timer is a decorator on the EventStore port: every outcome is counted, and the store's answer passes through untouched. */
describe('event-store append latency', () => {
  it('times each append by outcome: ok, duplicate, conflict, fenced', async () => {
    const metrics = new GatewayMetrics();
    const store = metrics.eventStore(new InMemoryEventStore({ catalogue }));

    const first = await store.append(sessionId, [noted(1)], { idempotencyKey: 'k1', expectedPosition: 'no_stream' });
    const again = await store.append(sessionId, [noted(1)], { idempotencyKey: 'k1' });
    await expect(store.append(sessionId, [noted(2)], { expectedPosition: 7 })).rejects.toBeInstanceOf(ConcurrencyError);
    await store.fence(sessionId, { partition: 0, epoch: 5 });
    await expect(store.append(sessionId, [noted(3)], { fencingToken: { partition: 0, epoch: 4 } })).rejects.toBeInstanceOf(FencedError);
    await store.append(sessionId, [noted(4)], { fencingToken: { partition: 0, epoch: 5 } });

    expect(first).toMatchObject({ duplicate: false, lastPosition: 1 });
    expect(again).toMatchObject({ duplicate: true, lastPosition: 1 });
    expect((await store.readLog(sessionId)).events.map((event) => event.data)).toEqual([{ n: 1 }, { n: 4 }]);
    const exposition = parseExposition(await metrics.registry.metrics());
    const count = (outcome: string) => exposition.value('aside_event_store_append_duration_seconds_count', { outcome });
    expect([count('ok'), count('duplicate'), count('conflict'), count('fenced'), count('error')]).toEqual([2, 1, 1, 1, 0]);
    expect(exposition.value('aside_event_store_append_duration_seconds_bucket', { outcome: 'ok', le: '+Inf' })).toBe(2);
  });
});
