import { describe, expect, it } from '@jest/globals';
import { initialActivityState, initialSessionState, type AggregateTag, type DecidedEvent, type SessionState, type SpeechState, type TaskState } from '@aside/domain';
import type { Committed } from '@aside/engine';
import { DeliveryStarts } from '../../src/metrics/gateway/delivery-starts.js';
import { sessionMetricUpdates } from '../../src/metrics/gateway/session-metric-updates.js';

const REQUESTED_AT = Date.parse('2026-11-20T10:00:00.000Z');
const SESSION: AggregateTag = { kind: 'session' };
const ACTIVITY: AggregateTag = { kind: 'activity', activityId: 'a1' };

function event(type: string, data: Record<string, unknown>, aggregate: AggregateTag = SESSION): DecidedEvent {
  return { aggregate, type, data } as unknown as DecidedEvent;
}

function speech(speechId: string, deliveryId: string | null): SpeechState {
  return { speechId, text: 'hi', generationId: deliveryId ? null : 'g1', deliveryId, allowInterruptions: true, status: 'playing' };
}

/** A session with task t1 (search_flights, session-scoped) and, in activity a1, speech s1 of delivery d1 and s2 of a generation. */
function state(): SessionState {
  const task = { taskId: 't1', toolName: 'search_flights', requestedAt: new Date(REQUESTED_AT).toISOString(), status: 'running' } as TaskState;
  const activity = { ...initialActivityState(), activityId: 'a1', status: 'started' as const, speeches: { s1: speech('s1', 'd1'), s2: speech('s2', null) } };
  return { ...initialSessionState(), status: 'active', sessionId: 'sess-0-unit', tasks: { t1: task }, taskLocations: { t1: null }, activities: { a1: activity } };
}

function committed(...events: DecidedEvent[]): Committed {
  return { sessionId: 'sess-0-unit', state: state(), events, position: 10, duplicate: false };
}

describe('sessionMetricUpdates', () => {
  it('reads task transitions with the tool from the state, and the duration from the request time to the commit', () => {
    const updates = sessionMetricUpdates(
      committed(
        event('TaskRequested', { taskId: 't9', toolName: 'book_hotel' }),
        event('TaskStarted', { taskId: 't1', attempt: 1, seq: 0 }),
        event('TaskProgressed', { taskId: 't1', attempt: 1, seq: 1, message: 'half', update: 1 }),
        event('TaskSucceeded', { taskId: 't1', attempt: 1, seq: 2, result: '42', handoff: null }),
      ),
      REQUESTED_AT + 2_500,
      new DeliveryStarts(),
    );

    expect(updates).toEqual([
      { metric: 'task', tool: 'book_hotel', state: 'requested' },
      { metric: 'task', tool: 'search_flights', state: 'started' },
      { metric: 'taskUpdate', tool: 'search_flights' },
      { metric: 'task', tool: 'search_flights', state: 'succeeded' },
      { metric: 'taskDuration', tool: 'search_flights', outcome: 'succeeded', seconds: 2.5 },
    ]);
  });

  it('counts a failure with its kind, a cancel as the end of the task, and nothing for a task it cannot find', () => {
    const at = REQUESTED_AT + 1_000;
    expect(sessionMetricUpdates(committed(event('TaskFailed', { taskId: 't1', attempt: 1, seq: 1, kind: 'timeout', message: 'late' })), at, new DeliveryStarts())).toEqual([
      { metric: 'task', tool: 'search_flights', state: 'failed' },
      { metric: 'taskDuration', tool: 'search_flights', outcome: 'failed', seconds: 1 },
      { metric: 'taskFailure', tool: 'search_flights', kind: 'timeout' },
    ]);
    expect(sessionMetricUpdates(committed(event('TaskCancelRequested', { taskId: 't1', reason: 'client', byCallId: null })), at, new DeliveryStarts())).toEqual([
      { metric: 'task', tool: 'search_flights', state: 'cancelled' },
      { metric: 'taskDuration', tool: 'search_flights', outcome: 'cancelled', seconds: 1 },
    ]);
    expect(sessionMetricUpdates(committed(event('TaskStarted', { taskId: 'elsewhere', attempt: 1, seq: 0 })), at, new DeliveryStarts())).toEqual([]);
  });

  it('measures a delivery from its start to its speech starting, once, and only for speech of a delivery', () => {
    const deliveries = new DeliveryStarts();
    expect(sessionMetricUpdates(committed(event('ReplyDeliveryStarted', { deliveryId: 'd1', mode: 'interrupt' })), 1_000, deliveries)).toEqual([]);

    expect(sessionMetricUpdates(committed(event('SpeechStarted', { speechId: 's2' }, ACTIVITY)), 1_500, deliveries)).toEqual([]);
    expect(sessionMetricUpdates(committed(event('SpeechStarted', { speechId: 's1' }, ACTIVITY)), 2_200, deliveries)).toEqual([{ metric: 'deliveryLatency', mode: 'interrupt', seconds: 1.2 }]);
    expect(sessionMetricUpdates(committed(event('SpeechStarted', { speechId: 's1' }, ACTIVITY)), 3_000, deliveries)).toEqual([]);
    expect(deliveries.size).toBe(0);
  });

  it('names each reply outcome: spoken, interrupted, empty, failed, dropped with the reason', () => {
    const deliveries = new DeliveryStarts();
    const outcomes = (...events: DecidedEvent[]) => sessionMetricUpdates(committed(...events), 0, deliveries);

    expect(
      outcomes(
        event('SpeechFinished', { speechId: 's1', status: 'played', cause: 'instant' }, ACTIVITY),
        event('SpeechFinished', { speechId: 's1', status: 'interrupted', cause: 'user' }, ACTIVITY),
        event('SpeechFinished', { speechId: 's2', status: 'played', cause: 'instant' }, ACTIVITY),
        event('ReplyGenerated', { deliveryId: 'd2', text: '  ' }, ACTIVITY),
        event('ReplyGenerated', { deliveryId: 'd3', text: 'Found it.' }, ACTIVITY),
        event('ReplyFailed', { deliveryId: 'd4', message: 'model down' }, ACTIVITY),
        event('ReplyDropped', { ownerKey: 'activity/a1', reason: 'handoff', entries: [] }),
      ),
    ).toEqual([
      { metric: 'reply', outcome: 'spoken' },
      { metric: 'reply', outcome: 'interrupted' },
      { metric: 'reply', outcome: 'empty' },
      { metric: 'reply', outcome: 'failed' },
      { metric: 'reply', outcome: 'dropped', reason: 'handoff' },
    ]);
  });

  it('forgets the deliveries of a reply with no speech and of a closed session', () => {
    const deliveries = new DeliveryStarts();
    deliveries.started('sess-0-unit', 'd2', 'when_idle', 0);
    deliveries.started('sess-0-unit', 'd4', 'when_idle', 0);
    deliveries.started('sess-0-unit', 'd5', 'when_idle', 0);
    deliveries.started('sess-0-other', 'd1', 'when_idle', 0);

    sessionMetricUpdates(committed(event('ReplyGenerated', { deliveryId: 'd2', text: '' }, ACTIVITY), event('ReplyFailed', { deliveryId: 'd4', message: 'x' }, ACTIVITY)), 0, deliveries);
    expect(deliveries.size).toBe(2);
    sessionMetricUpdates(committed(event('SessionClosed', { reason: 'client' })), 0, deliveries);
    expect(deliveries.size).toBe(1);
    expect(deliveries.finish('sess-0-other', 'd1')).toEqual({ mode: 'when_idle', atMs: 0 });
  });
});

describe('DeliveryStarts', () => {
  it('lets the oldest start go past its capacity', () => {
    const deliveries = new DeliveryStarts(2);
    deliveries.started('s', 'd1', 'when_idle', 1);
    deliveries.started('s', 'd2', 'when_idle', 2);
    deliveries.started('s', 'd3', 'when_idle', 3);

    expect(deliveries.size).toBe(2);
    expect(deliveries.finish('s', 'd1')).toBeUndefined();
    expect(deliveries.finish('s', 'd3')).toEqual({ mode: 'when_idle', atMs: 3 });
  });
});
