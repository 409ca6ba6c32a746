import { afterEach, describe, expect, it } from '@jest/globals';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore } from '@aside/events/store';
import { ScriptedLlm } from '@aside/llm';
import { freePort } from '@aside/testing';
import { Gateway, type GatewayOptions } from '../../src/gateway/gateway.js';
import { InMemoryLateResultOutbox } from '../../src/late-results/late-result-outbox.js';
import { verifyWebhookSignature } from '../../src/late-results/webhook-signature.js';
import type { TaskJob } from '../../src/task-queue/task-queue.js';
import { travelRegistry } from '../support/travel-agents.js';
import { eventInLog, ofType, wholeLog } from './support/log-waits.js';
import { ReportingQueue } from './support/reporting-queue.js';
import { WebhookReceiver, type Answer } from './support/webhook-receiver.js';

const SECRET = 'test-webhook-secret-0123456789';
const searchRome = { toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Rome' } }] };
const succeeded = (result: string | null) => ({ type: 'succeeded', result, handoff: null }) as const;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function receiver(...answers: Answer[]) {
  const started = await WebhookReceiver.start(answers);
  closers.push(() => started.close());
  return started;
}

/** A gateway whose task queue is driven by the test, with late-result webhooks on (fast retries). */
async function gateway(store: InMemoryEventStore, overrides: Partial<GatewayOptions> = {}) {
  const queue = new ReportingQueue();
  const started = await Gateway.start({
    store,
    registry: travelRegistry(),
    llm: new ScriptedLlm([searchRome]),
    taskQueue: () => queue,
    lateResults: { secret: SECRET, policy: { initialDelayMs: 1, maxDelayMs: 5 } },
    ...overrides,
  });
  closers.push(() => started.close({ graceMs: 0 }));
  return { gateway: started, queue };
}

/** A session with a webhook whose search_flights task is running when the client closes it. */
async function closedWithRunningTask(parts: { gateway: Gateway; queue: ReportingQueue }, webhook: string | undefined) {
  const { sessionId } = await parts.gateway.createSession({ agent: 'travel', playout: 'instant', ...(webhook ? { lateResults: { webhook } } : {}) });
  await parts.gateway.submitTurn(sessionId, { text: 'flights to Rome?' });
  const job = await parts.queue.nextJob();
  await parts.queue.report(job, 1, 0, { type: 'started' });
  await parts.gateway.closeSession(sessionId);
  return { sessionId, job };
}

const lateReport = (parts: { queue: ReportingQueue }, job: TaskJob, result: string | null = '3 flights to Rome') => parts.queue.report(job, 1, 1, succeeded(result));

describe('late results POSTed to the session\'s webhook (DESIGN.md §4, SEMANTICS §10)', () => {
  it('a result after the close is POSTed once: signed JSON, idempotency key, and LateResultDelivered in the log', async () => {
    const hook = await receiver({ status: 204 });
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const parts = await gateway(store);
    const { sessionId, job } = await closedWithRunningTask(parts, hook.url);

    await lateReport(parts, job);
    const delivered = await eventInLog(store, sessionId, ofType('LateResultDelivered'));

    const [request] = await hook.requests(1);
    expect(hook.received).toHaveLength(1);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hooks/late');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(verifyWebhookSignature(SECRET, request!.body, request!.headers['aside-signature'] as string)).toBe(true);
    expect(verifyWebhookSignature('another-secret-0123456789', request!.body, request!.headers['aside-signature'] as string)).toBe(false);
    const queued = (await wholeLog(store, sessionId)).find(ofType('LateResultQueued'))!;
    const deliveryId = `${job.taskId}-late`;
    expect(request!.headers['idempotency-key']).toBe(deliveryId);
    expect(request!.headers['aside-delivery-attempt']).toBe('1');
    expect(JSON.parse(request!.body)).toEqual({
      sessionId,
      taskId: job.taskId,
      callId: 'c1',
      toolName: 'search_flights',
      result: '3 flights to Rome',
      occurredAt: queued.occurredAt,
      deliveryId,
    });
    expect(delivered.data).toEqual({ deliveryId, attempt: 1, status: 204 });
    const types = (await wholeLog(store, sessionId)).map((event) => event.type);
    expect(types.slice(types.indexOf('SessionClosed'))).toEqual(['SessionClosed', 'ReportDiscarded', 'LateResultQueued', 'LateResultDelivered']);
    await parts.gateway.services.lateResults!.idle();
    expect(await parts.gateway.services.lateResults!.outbox.sessionsOf(0)).toEqual([]);
  });

  it('an error is POSTed as { error: { kind, message } }', async () => {
    const hook = await receiver({ status: 200 });
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const parts = await gateway(store);
    const { sessionId, job } = await closedWithRunningTask(parts, hook.url);

    await parts.queue.report(job, 1, 1, { type: 'failed', kind: 'tool_error', message: 'no flights today' });
    await eventInLog(store, sessionId, ofType('LateResultDelivered'));

    const [request] = await hook.requests(1);
    expect(JSON.parse(request!.body)).toMatchObject({ callId: 'c1', error: { kind: 'tool_error', message: 'no flights today' } });
    expect(JSON.parse(request!.body)).not.toHaveProperty('result');
  });

  it('a receiver failing twice with 503 gets three attempts, the same bytes each time, and one LateResultDelivered', async () => {
    const hook = await receiver({ status: 503 }, { status: 503 }, { status: 200 });
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const parts = await gateway(store);
    const { sessionId, job } = await closedWithRunningTask(parts, hook.url);

    await lateReport(parts, job);
    await eventInLog(store, sessionId, ofType('LateResultDelivered'));

    const requests = await hook.requests(3);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    expect(new Set(requests.map((request) => request.headers['aside-signature'])).size).toBe(1);
    expect(requests.map((request) => request.headers['idempotency-key'])).toEqual(Array(3).fill(`${job.taskId}-late`));
    expect(requests.map((request) => request.headers['aside-delivery-attempt'])).toEqual(['1', '2', '3']);
    const outcomes = (await wholeLog(store, sessionId)).filter((event) => event.type.startsWith('LateResult') && event.type !== 'LateResultQueued');
    expect(outcomes.map((event) => [event.type, (event.data as { attempt: number }).attempt])).toEqual([
      ['LateResultAttemptFailed', 1],
      ['LateResultAttemptFailed', 2],
      ['LateResultDelivered', 3],
    ]);
    expect(outcomes[0]!.data).toMatchObject({ failure: { kind: 'http', status: 503 }, retryAt: expect.any(String) });
  });

  it('a receiver that is down beyond the policy\'s attempts → every failure and LateResultAbandoned recorded', async () => {
    const down = `http://127.0.0.1:${await freePort()}/hooks/late`;
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const parts = await gateway(store, { lateResults: { secret: SECRET, policy: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 } } });
    const { sessionId, job } = await closedWithRunningTask(parts, down);

    await lateReport(parts, job);
    const abandoned = await eventInLog(store, sessionId, ofType('LateResultAbandoned'));

    expect(abandoned.data).toEqual({ deliveryId: `${job.taskId}-late`, attempts: 3, reason: 'attempts_exhausted' });
    const failures = (await wholeLog(store, sessionId)).filter(ofType('LateResultAttemptFailed')).map((event) => event.data);
    expect(failures).toEqual([1, 2, 3].map((attempt) => ({
      deliveryId: `${job.taskId}-late`,
      attempt,
      failure: { kind: 'network', status: null, message: expect.stringContaining('ECONNREFUSED') },
      retryAt: attempt < 3 ? expect.any(String) : null,
    })));
    await parts.gateway.services.lateResults!.idle();
    expect(await parts.gateway.services.lateResults!.outbox.sessionsOf(0)).toEqual([]);
  });

  it('a 4xx is the receiver\'s refusal: abandoned after one attempt', async () => {
    const hook = await receiver({ status: 410 });
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const parts = await gateway(store);
    const { sessionId, job } = await closedWithRunningTask(parts, hook.url);

    await lateReport(parts, job);
    const abandoned = await eventInLog(store, sessionId, ofType('LateResultAbandoned'));

    expect(abandoned.data).toMatchObject({ attempts: 1, reason: 'rejected' });
    expect(hook.received).toHaveLength(1);
  });

  it('a restart mid-delivery: the next gateway on the same store repeats the unrecorded attempt, and it is delivered once', async () => {
    const hook = await receiver('hang');
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const outbox = new InMemoryLateResultOutbox();
    const first = await gateway(store, { gatewayId: 'first', lateResults: { secret: SECRET, outbox } });
    const { sessionId, job } = await closedWithRunningTask(first, hook.url);

    await lateReport(first, job);
    await hook.requests(1); // the POST is in flight, unanswered…
    await first.gateway.close({ graceMs: 0 }); // …when the gateway stops
    expect((await wholeLog(store, sessionId)).map((event) => event.type)).not.toContain('LateResultAttemptFailed');

    hook.answerWith({ status: 200 });
    expect(await outbox.sessionsOf(0)).toEqual([sessionId]);
    const second = await gateway(store, { gatewayId: 'second', lateResults: { secret: SECRET, outbox } });
    const delivered = await eventInLog(store, sessionId, ofType('LateResultDelivered'));

    const requests = await hook.requests(2);
    expect(requests.map((request) => request.headers['idempotency-key'])).toEqual([`${job.taskId}-late`, `${job.taskId}-late`]);
    expect(requests[1]!.body).toBe(requests[0]!.body);
    expect(delivered.data).toMatchObject({ attempt: 1, status: 200 });
    expect(delivered.actor).toEqual({ kind: 'gateway', id: 'second' });
    expect((await wholeLog(store, sessionId)).filter(ofType('LateResultDelivered'))).toHaveLength(1);
    await second.gateway.services.lateResults!.idle();
    expect(await outbox.sessionsOf(0)).toEqual([]);
  });

  it('a takeover after a recorded failure waits for the retry time in the log, then goes on with the next attempt', async () => {
    const hook = await receiver({ status: 503 });
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const outbox = new InMemoryLateResultOutbox();
    const slow = { secret: SECRET, outbox, policy: { initialDelayMs: 60_000 } };
    const first = await gateway(store, { lateResults: slow });
    const { sessionId, job } = await closedWithRunningTask(first, hook.url);

    await lateReport(first, job);
    const failed = await eventInLog(store, sessionId, ofType('LateResultAttemptFailed'));
    await first.gateway.close({ graceMs: 0 });

    // The successor's clock is past the recorded retry time: it need not wait a minute.
    hook.answerWith({ status: 200 });
    const later = Date.parse((failed.data as { retryAt: string }).retryAt) + 1;
    await gateway(store, { lateResults: slow, clock: { now: () => new Date(later) } });
    const delivered = await eventInLog(store, sessionId, ofType('LateResultDelivered'));

    expect(delivered.data).toMatchObject({ attempt: 2 });
    expect((await hook.requests(2)).map((request) => request.headers['aside-delivery-attempt'])).toEqual(['1', '2']);
  });

  it('a session created without lateResults: the late result is only recorded (ReportDiscarded), nothing is sent', async () => {
    const hook = await receiver({ status: 204 });
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const parts = await gateway(store);
    const { sessionId, job } = await closedWithRunningTask(parts, undefined);

    await lateReport(parts, job);

    const types = (await wholeLog(store, sessionId)).map((event) => event.type);
    expect(types.slice(types.indexOf('SessionClosed'))).toEqual(['SessionClosed', 'ReportDiscarded']);
    expect(await parts.gateway.services.lateResults!.outbox.sessionsOf(0)).toEqual([]);
    expect(hook.received).toEqual([]);
  });
});

describe('lateResults at the gateway API', () => {
  it('refuses a malformed webhook with the issue, and a webhook on a gateway without a secret', async () => {
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    const withSecret = (await gateway(store)).gateway;
    await expect(withSecret.createSession({ agent: 'travel', lateResults: { webhook: 'ftp://hooks.example.com/late' } })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      details: { issues: [{ path: ['lateResults', 'webhook'], message: 'expected an http(s) URL' }] },
    });
    await expect(withSecret.createSession({ agent: 'travel', lateResults: { webhook: 'https://u:p@hooks.example.com/late' } })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });

    const withoutSecret = (await gateway(new InMemoryEventStore({ catalogue: asideCatalogue }), { lateResults: undefined })).gateway;
    await expect(withoutSecret.createSession({ agent: 'travel', lateResults: { webhook: 'https://hooks.example.com/late' } })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('ASIDE_WEBHOOK_SECRET'),
      details: { field: 'lateResults', reason: 'no_webhook_secret' },
    });
  });

  it('refuses to start with a secret too short to be one', async () => {
    const store = new InMemoryEventStore({ catalogue: asideCatalogue });
    await expect(gateway(store, { lateResults: { secret: 'short' } })).rejects.toThrow('lateResults.secret must be at least 16 characters');
  });
});
