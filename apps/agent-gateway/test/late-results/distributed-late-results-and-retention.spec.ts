import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { AsideKeys, BullMqTaskQueue, RedisClosedSessionIndex, RedisLateResultOutbox, RedisPartitionLeases, ReportWriter } from '@aside/bullmq';
import { FileSessionArchive, Gateway, type Clock } from '@aside/engine';
import { WebhookReceiver } from '@aside/engine/webhook-receiver';
import { asideCatalogue } from '@aside/events';
import { RedisEventStore, type EventStore, type StoredEvent } from '@aside/events/store';
import { ScriptedLlm, type ScriptStep } from '@aside/llm';
import { testKeyPrefix } from '@aside/testing';
import { Redis } from 'ioredis';
import { scenarioRegistry } from '../scenarios/scenario-agents.js';

const redisUrl = (): string => process.env['REDIS_URL'] ?? '';
const SECRET = 'test-webhook-secret-0123456789';
const HOUR = 3_600_000;
const searchRome: ScriptStep = { toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Rome' } }] };

async function eventInLog(store: EventStore, sessionId: string, type: string): Promise<StoredEvent> {
  const controller = new AbortController();
  try {
    for await (const event of store.subscribeToLog(sessionId, { signal: controller.signal })) if (event.type === type) return event;
    throw new Error(`no ${type} in ${sessionId}`);
  } finally {
    controller.abort();
  }
}

/**
 * Gateways on one Redis sharing one partition by lease (DESIGN.md §4), with late-result
 * webhooks and retention on Redis indexes. A gateway started after the previous one closed
 * owns the partition when its start resolves (the lease was handed over).
 */
class Deployment {
  readonly prefix = testKeyPrefix('late-retention');
  readonly redis = new Redis(redisUrl());
  private readonly closers: (() => Promise<void>)[] = [async () => void (await this.redis.quit())];

  async archive(): Promise<FileSessionArchive> {
    const directory = await mkdtemp(join(tmpdir(), 'aside-archive-'));
    this.closers.unshift(() => rm(directory, { recursive: true, force: true }));
    return new FileSessionArchive(directory);
  }

  async gateway(gatewayId: string, script: readonly ScriptStep[], archive: FileSessionArchive, clock?: Clock): Promise<{ gateway: Gateway; store: RedisEventStore }> {
    const store = new RedisEventStore({ connection: redisUrl(), catalogue: asideCatalogue, keyPrefix: this.prefix, subscriptionHeartbeatMs: 100 });
    const gateway = await Gateway.start({
      store,
      registry: scenarioRegistry(),
      llm: new ScriptedLlm([...script]),
      gatewayId,
      ...(clock ? { clock } : {}),
      ownership: new RedisPartitionLeases({ connection: redisUrl(), prefix: this.prefix, partitions: 1, gatewayId, leaseTtlMs: 600, renewEveryMs: 100 }),
      taskQueue: () => new BullMqTaskQueue({ connection: redisUrl(), prefix: this.prefix, partitions: [], blockMs: 100, redeliveryDelayMs: 10, reclaimIdleMs: 500, closeDeadlineMs: 1_000 }),
      lateResults: { secret: SECRET, outbox: new RedisLateResultOutbox({ connection: this.redis, prefix: this.prefix }), policy: { initialDelayMs: 1, maxDelayMs: 5 } },
      retention: { archive, retentionMs: HOUR, sweepEveryMs: 24 * HOUR },
      closedSessions: new RedisClosedSessionIndex({ connection: this.redis, prefix: this.prefix }),
    });
    this.closers.unshift(async () => {
      await gateway.close({ graceMs: 0 });
      await store.close();
    });
    return { gateway, store };
  }

  /** What a runner writes: a report into the inbox of the session's partition. */
  report(message: Parameters<ReportWriter['write']>[0]): Promise<unknown> {
    return new ReportWriter(this.redis, new AsideKeys(this.prefix)).write(message);
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0)) await close().catch(() => undefined);
  }
}

describe('late results and retention in distributed mode (Redis store, leases, Redis indexes)', () => {
  let deployment: Deployment;
  let hook: WebhookReceiver | undefined;
  afterEach(async () => {
    await deployment.close();
    await hook?.close();
  });

  it('a late result whose POST was cut short by a handover is POSTed again by the next owner, and delivered once', async () => {
    deployment = new Deployment();
    hook = await WebhookReceiver.start(['hang']);
    const archive = await deployment.archive();
    const a = await deployment.gateway('a', [searchRome], archive);
    const { sessionId } = await a.gateway.createSession({ agent: 'travel', playout: 'instant', lateResults: { webhook: hook.url } });
    await a.gateway.submitTurn(sessionId, { text: 'flights to Rome?' });
    const requested = await eventInLog(a.store, sessionId, 'TaskRequested');
    const taskId = (requested.data as { taskId: string }).taskId;
    await a.gateway.closeSession(sessionId);

    // The runner's result raced the close: it reaches the inbox after it.
    await deployment.report({ taskId, sessionId, attempt: 1, seq: 0, report: { type: 'started' } });
    await deployment.report({ taskId, sessionId, attempt: 1, seq: 1, report: { type: 'succeeded', result: '3 flights to Rome', handoff: null } });
    await hook.requests(1); // a's POST hangs…
    await a.gateway.close({ graceMs: 0 }); // …when a hands the partition over
    hook.answerWith({ status: 204 });

    const b = await deployment.gateway('b', [], archive);
    const delivered = await eventInLog(b.store, sessionId, 'LateResultDelivered');

    expect(delivered.data).toEqual({ deliveryId: `${taskId}-late`, attempt: 1, status: 204 });
    expect(delivered.actor).toEqual({ kind: 'gateway', id: 'b' });
    const requests = await hook.requests(2);
    expect(requests.map((request) => request.headers['idempotency-key'])).toEqual([`${taskId}-late`, `${taskId}-late`]);
    expect(JSON.parse(requests[1]!.body)).toMatchObject({ sessionId, taskId, callId: 'c1', toolName: 'search_flights', result: '3 flights to Rome' });
    await b.gateway.services.lateResults!.idle();
    expect(await deployment.redis.smembers(`${deployment.prefix}:late-results:{0}`)).toEqual([]);
  });

  it('the owner archives a session closed longer ago than the period and deletes every key of it but the tombstone', async () => {
    deployment = new Deployment();
    const archive = await deployment.archive();
    const a = await deployment.gateway('a', [{ text: 'Hello.' }], archive);
    const { sessionId } = await a.gateway.createSession({ agent: 'travel', playout: 'instant' });
    await a.gateway.submitTurn(sessionId, { text: 'hello' });
    await a.gateway.whenQuiet(sessionId);
    await a.gateway.closeSession(sessionId);
    const log = (await a.store.readLog(sessionId)).events;
    await a.gateway.close({ graceMs: 0 });
    expect(await deployment.redis.zscore(`${deployment.prefix}:closed-sessions:{0}`, sessionId)).not.toBeNull();

    // The next owner, two hours later by its clock.
    const later = Date.now() + 2 * HOUR;
    const b = await deployment.gateway('b', [], archive, { now: () => new Date(later) });
    const report = await b.gateway.services.retention!.sweep();

    expect(report.sessions).toEqual([{ sessionId, outcome: 'retired' }]);
    const lines = (await readFile(archive.pathOf(sessionId), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(JSON.parse(JSON.stringify(log)));
    expect(await deployment.redis.keys(`${deployment.prefix}:{${sessionId}}:*`)).toEqual([`${deployment.prefix}:{${sessionId}}:meta`]);
    expect(await deployment.redis.hgetall(`${deployment.prefix}:{${sessionId}}:meta`)).toEqual({ tomb: '1' });
    expect(await deployment.redis.zscore(`${deployment.prefix}:closed-sessions:{0}`, sessionId)).toBeNull();
    expect(await deployment.redis.sismember(`${deployment.prefix}:sessions:{0}`, sessionId)).toBe(0);
    await expect(b.gateway.getSession(sessionId)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });
});
