import { describe, expect, it } from '@jest/globals';
import {
  decideSession,
  DEFAULT_LATE_RESULT_POLICY,
  pendingLateDeliveries,
  retryDelayMs,
  type DecidedEvent,
  type DeciderContext,
  type LateResultAttemptOutcome,
  type SessionCommand,
} from '../../src/deciders/index.js';
import { call, command, failed, NOW, progress, SESSION_ID, startSession, succeeded, taskIdOf } from './support/commands.js';
import { defaultContext, expectStorable, fold, given } from './support/given-when-then.js';
import { ofType, scenario, types } from './support/scenario.js';

const WEBHOOK = 'https://hooks.example.com/late';
const T1 = taskIdOf('c1');
const D1 = `${T1}-late`;
const onActivity = { kind: 'activity', activityId: 'a1' } as const;
const onSession = { kind: 'session' } as const;

/** The session's log as if it had been created with `lateResults: { webhook }` (or without). */
function withWebhook(log: readonly DecidedEvent[], webhook: string | null = WEBHOOK): DecidedEvent[] {
  return log.map((event) =>
    event.type === 'SessionStarted' ? ({ ...event, data: { ...event.data, lateResults: webhook === null ? null : { webhook } } } as DecidedEvent) : event,
  );
}

/** `search` c1 went async (one update), then the session was closed: every task cancelled. */
function closedWhileRunning(): readonly DecidedEvent[] {
  const s = scenario('Plain', 'instant');
  s.userSays('search');
  s.llm('', [call('c1', 'search', { query: 'x' })]);
  s.report('c1', progress('searching'));
  s.llm('Searching.');
  s.send(command('CloseSession', { reason: 'client' }));
  return s.log();
}

const report = (body: Parameters<typeof command<'FoldReport'>>[1]['report'], attempt = 1, seq = 2) =>
  command('FoldReport', { taskId: T1, attempt, seq, report: body });

const attempt = (n: number, outcome: LateResultAttemptOutcome, now = NOW): SessionCommand => {
  const base = command('RecordLateResultAttempt', { deliveryId: D1, attempt: n, outcome });
  return { ...base, metadata: { ...base.metadata, now } };
};
const http = (status: number, retryAfterMs: number | null = null): LateResultAttemptOutcome => ({
  type: 'failed',
  failure: { kind: 'http', status, message: `HTTP ${status}` },
  retryAfterMs,
});
const refused: LateResultAttemptOutcome = { type: 'failed', failure: { kind: 'network', status: null, message: 'connect ECONNREFUSED' }, retryAfterMs: null };

/** Decides each command on the log so far and appends what it decided. */
function run(log: readonly DecidedEvent[], commands: readonly SessionCommand[], context: DeciderContext = defaultContext): DecidedEvent[] {
  let all = [...log];
  for (const next of commands) {
    const events = decideSession(next, fold(all), context);
    expectStorable(events);
    all = [...all, ...events];
  }
  return all;
}

const queued = (outcome: unknown, reason = 'session_closed'): DecidedEvent =>
  ({
    aggregate: onSession,
    type: 'LateResultQueued',
    data: { deliveryId: D1, taskId: T1, callId: 'c1', toolName: 'search', reason, outcome, occurredAt: NOW },
  }) as DecidedEvent;

describe('late results (SEMANTICS §10): what is one, and when it is queued for the webhook', () => {
  it('StartSession with lateResults records the webhook in SessionStarted; without, null', () => {
    given()
      .when(command('StartSession', { sessionId: SESSION_ID, agent: 'Plain', playout: 'client', partition: 3, lateResults: { webhook: WEBHOOK } }))
      .thenEvents((events, state) => {
        expect(ofType(events, 'SessionStarted')[0]?.data.lateResults).toEqual({ webhook: WEBHOOK });
        expect(state.lateResults).toEqual({ webhook: WEBHOOK });
      });
    given()
      .when(startSession())
      .thenEvents((events) => expect(ofType(events, 'SessionStarted')[0]?.data.lateResults).toBeNull());
  });

  it('a result after the session closed → ReportDiscarded, then LateResultQueued with the value', () => {
    given(withWebhook(closedWhileRunning()))
      .when(report(succeeded('3 flights')))
      .then([
        { aggregate: onActivity, type: 'ReportDiscarded', data: { taskId: T1, attempt: 1, seq: 2, reason: 'session_closed', report: succeeded('3 flights') } },
        queued({ type: 'result', result: '3 flights' }),
      ]);
  });

  it('an error after the session closed is a late result too (tool error, internal, timeout), with its message', () => {
    for (const kind of ['tool_error', 'internal', 'timeout'] as const) {
      given(withWebhook(closedWhileRunning()))
        .when(report(failed(kind, 'it broke')))
        .thenEvents((events) => expect(ofType(events, 'LateResultQueued')[0]?.data.outcome).toEqual({ type: 'error', kind, message: 'it broke' }));
    }
  });

  it('a tool that returned nothing is still a late result (result null)', () => {
    given(withWebhook(closedWhileRunning()))
      .when(report(succeeded(null)))
      .thenEvents((events) => expect(ofType(events, 'LateResultQueued')[0]?.data.outcome).toEqual({ type: 'result', result: null }));
  });

  it('the body acknowledging the cancel (failed: cancelled) is not a result: nothing is queued', () => {
    given(withWebhook(closedWhileRunning()))
      .when(report(failed('cancelled', 'aborted')))
      .thenEvents((events) => expect(types(events)).toEqual(['ReportDiscarded']));
  });

  it('a session created without lateResults only records the discard', () => {
    given(withWebhook(closedWhileRunning(), null))
      .when(report(succeeded('3 flights')))
      .thenEvents((events) => expect(types(events)).toEqual(['ReportDiscarded']));
  });

  it('a result of a task cancelled by a handoff away from its owner is late, while the session goes on', () => {
    const s = scenario('Plain', 'instant');
    s.userSays('search');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('searching'));
    s.llm('Searching.');
    s.userSays('billing please');
    s.llm('', [call('c2', 'transfer_to_billing')]);
    s.report('c2', succeeded('Transferring you.', 'Billing'));
    expect(s.state().status).toBe('active');

    given(withWebhook(s.log()))
      .when(report(succeeded('3 flights')))
      .thenEvents((events) => {
        expect(types(events)).toEqual(['ReportDiscarded', 'LateResultQueued']);
        expect(ofType(events, 'LateResultQueued')[0]?.data).toMatchObject({ reason: 'handoff', outcome: { type: 'result', result: '3 flights' } });
      });
  });

  it('a result of a task someone cancelled on purpose is not late: nobody wants it', () => {
    const s = scenario('Plain', 'instant');
    s.userSays('search');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('searching'));
    s.llm('Searching.');
    s.send(command('CancelTask', { callId: 'c1' }));
    s.send(command('CloseSession', { reason: 'client' }));

    given(withWebhook(s.log()))
      .when(report(succeeded('3 flights')))
      .thenEvents((events) => expect(types(events)).toEqual(['ReportDiscarded']));
  });

  it('a result folded before the close, repeated after it, is not late (it was delivered or dropped already)', () => {
    const s = scenario('Plain', 'instant');
    s.userSays('search');
    s.llm('', [call('c1', 'search', { query: 'x' })]);
    s.report('c1', progress('searching'));
    s.report('c1', succeeded('3 flights'));
    s.send(command('CloseSession', { reason: 'client' }));

    given(withWebhook(s.log()))
      .when(report(succeeded('3 flights'), 2, 2))
      .thenEvents((events) => expect(types(events)).toEqual(['ReportDiscarded']));
  });

  it('one late result per task: another attempt\'s result after the first is only discarded', () => {
    const log = run(withWebhook(closedWhileRunning()), [report(succeeded('from attempt 1'))]);
    given(log)
      .when(report(succeeded('from attempt 2'), 2, 1))
      .thenEvents((events) => expect(types(events)).toEqual(['ReportDiscarded']));
  });
});

describe('late-result webhook attempts: delivered, retried with backoff, abandoned', () => {
  const queuedLog = () => run(withWebhook(closedWhileRunning()), [report(succeeded('3 flights'))]);

  it('a 2xx → LateResultDelivered; nothing is pending any more', () => {
    given(queuedLog())
      .when(attempt(1, { type: 'delivered', status: 204 }))
      .thenEvents((events, state) => {
        expect(events).toEqual([{ aggregate: onSession, type: 'LateResultDelivered', data: { deliveryId: D1, attempt: 1, status: 204 } }]);
        expect(state.lateDeliveries[D1]).toMatchObject({ status: 'delivered', attempts: 1, dueAt: null });
        expect(pendingLateDeliveries(state)).toEqual([]);
      });
  });

  it('a queued delivery is due at once', () => {
    const state = fold(queuedLog());
    expect(pendingLateDeliveries(state).map((delivery) => ({ id: delivery.deliveryId, attempts: delivery.attempts, dueAt: delivery.dueAt }))).toEqual([
      { id: D1, attempts: 0, dueAt: NOW },
    ]);
  });

  it('a 503 → LateResultAttemptFailed with the next attempt due after the backoff', () => {
    const wait = retryDelayMs(DEFAULT_LATE_RESULT_POLICY, D1, 1, null);
    given(queuedLog())
      .when(attempt(1, http(503)))
      .thenEvents((events, state) => {
        expect(events).toEqual([
          {
            aggregate: onSession,
            type: 'LateResultAttemptFailed',
            data: { deliveryId: D1, attempt: 1, failure: { kind: 'http', status: 503, message: 'HTTP 503' }, retryAt: new Date(Date.parse(NOW) + wait).toISOString() },
          },
        ]);
        expect(state.lateDeliveries[D1]).toMatchObject({ status: 'pending', attempts: 1, dueAt: new Date(Date.parse(NOW) + wait).toISOString() });
      });
  });

  it('the wait doubles, stays within a quarter of jitter, is capped, and honours a longer Retry-After', () => {
    const policy = { ...DEFAULT_LATE_RESULT_POLICY, initialDelayMs: 1_000, maxDelayMs: 10_000 };
    const waits = [1, 2, 3, 4, 5, 6].map((n) => retryDelayMs(policy, D1, n, null));
    [1_000, 2_000, 4_000, 8_000, 10_000, 10_000].forEach((base, i) => {
      expect(waits[i]).toBeGreaterThanOrEqual(base);
      expect(waits[i]).toBeLessThanOrEqual(Math.min(base * 1.25, 10_000));
    });
    expect(retryDelayMs(policy, D1, 1, null)).toBe(waits[0]); // derived, not random
    expect(retryDelayMs(policy, D1, 1, 7_000)).toBe(7_000);
    expect(retryDelayMs(policy, D1, 1, 60_000)).toBe(10_000);
  });

  it('network errors, timeouts, 5xx, 408 and 429 are retried; any other status abandons at once as rejected', () => {
    for (const outcome of [refused, http(500), http(502), http(408), http(429)]) {
      given(queuedLog())
        .when(attempt(1, outcome))
        .thenEvents((events) => expect(types(events)).toEqual(['LateResultAttemptFailed']));
    }
    for (const status of [400, 401, 404, 410, 301]) {
      given(queuedLog())
        .when(attempt(1, http(status)))
        .thenEvents((events, state) => {
          expect(events.map((event) => ({ type: event.type, data: event.data }))).toEqual([
            { type: 'LateResultAttemptFailed', data: { deliveryId: D1, attempt: 1, failure: { kind: 'http', status, message: `HTTP ${status}` }, retryAt: null } },
            { type: 'LateResultAbandoned', data: { deliveryId: D1, attempts: 1, reason: 'rejected' } },
          ]);
          expect(state.lateDeliveries[D1]?.status).toBe('abandoned');
        });
    }
  });

  it('abandoned after the policy\'s attempts: the last failure has no retry, then LateResultAbandoned', () => {
    const context = { ...defaultContext, lateResultPolicy: { ...DEFAULT_LATE_RESULT_POLICY, maxAttempts: 3 } };
    const log = run(queuedLog(), [attempt(1, http(503)), attempt(2, refused)], context);
    expect(ofType(log, 'LateResultAttemptFailed').map((event) => event.data.retryAt === null)).toEqual([false, false]);

    given(log)
      .when(attempt(3, http(503)), context)
      .thenEvents((events, state) => {
        expect(types(events)).toEqual(['LateResultAttemptFailed', 'LateResultAbandoned']);
        expect(ofType(events, 'LateResultAttemptFailed')[0]?.data.retryAt).toBeNull();
        expect(ofType(events, 'LateResultAbandoned')[0]?.data).toEqual({ deliveryId: D1, attempts: 3, reason: 'attempts_exhausted' });
        expect(pendingLateDeliveries(state)).toEqual([]);
      });
  });

  it('abandoned when the next attempt would fall past the deadline', () => {
    const context = { ...defaultContext, lateResultPolicy: { ...DEFAULT_LATE_RESULT_POLICY, maxAgeMs: 60_000, initialDelayMs: 30_000 } };
    given(queuedLog())
      .when(attempt(1, http(503), new Date(Date.parse(NOW) + 40_000).toISOString()), context)
      .thenEvents((events) => expect(ofType(events, 'LateResultAbandoned')[0]?.data.reason).toBe('deadline_passed'));
  });

  it('refuses an unknown delivery, an attempt out of order, and any attempt once settled', () => {
    const log = queuedLog();
    given(log).when(command('RecordLateResultAttempt', { deliveryId: 'nope', attempt: 1, outcome: http(503) })).thenThrows('UNKNOWN_DELIVERY');
    given(log).when(attempt(2, http(503))).thenThrows('INVALID_COMMAND');
    given(run(log, [attempt(1, { type: 'delivered', status: 200 })])).when(attempt(2, http(503))).thenThrows('DELIVERY_NOT_PENDING');
  });

  it('is accepted on a closed session (the delivery outlives it); other commands are still refused there', () => {
    const log = queuedLog();
    expect(fold(log).status).toBe('closed');
    given(log).when(attempt(1, { type: 'delivered', status: 200 })).thenEvents((events) => expect(types(events)).toEqual(['LateResultDelivered']));
    given(log).when(command('SubmitUserTurn', { text: 'hi' })).thenThrows('SESSION_CLOSED');
  });

  it('replaying the log reproduces the deliveries exactly', () => {
    const log = run(queuedLog(), [attempt(1, http(503)), attempt(2, { type: 'delivered', status: 200 })]);
    const replayed = fold(JSON.parse(JSON.stringify(log)) as DecidedEvent[]);
    expect(replayed).toEqual(fold(log));
    expect(replayed.lateDeliveries[D1]).toMatchObject({ status: 'delivered', attempts: 2 });
  });
});
