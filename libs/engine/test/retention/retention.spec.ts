import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { asideCatalogue, streamName } from '@aside/events';
import { InMemoryEventStore, RedisEventStore, SessionDeletedError, type EventStore } from '@aside/events/store';
import { ScriptedLlm } from '@aside/llm';
import { testKeyPrefix } from '@aside/testing';
import { Gateway, type GatewayOptions } from '../../src/gateway/gateway.js';
import { SoleOwnership } from '../../src/ownership/partition-ownership.js';
import { InMemoryClosedSessionIndex } from '../../src/retention/closed-session-index.js';
import { FileSessionArchive } from '../../src/retention/file-session-archive.js';
import { InProcessTaskQueue } from '../../src/task-queue/in-process/in-process-task-queue.js';
import { eventInLog, ofType, wholeLog } from '../late-results/support/log-waits.js';
import { ReportingQueue } from '../late-results/support/reporting-queue.js';
import { WebhookReceiver } from '../late-results/support/webhook-receiver.js';
import { travelRegistry } from '../support/travel-agents.js';

const RETENTION_MS = 60 * 60 * 1_000;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The test's clock: it moves only when the test says so. */
class TestClock {
  private at = Date.parse('2026-11-24T10:00:00.000Z');
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

async function archiveDirectory(): Promise<FileSessionArchive> {
  const directory = await mkdtemp(join(tmpdir(), 'aside-archive-'));
  closers.push(() => rm(directory, { recursive: true, force: true }));
  return new FileSessionArchive(directory);
}

const stores: readonly [string, () => EventStore][] = [
  ['in-memory store', () => new InMemoryEventStore({ catalogue: asideCatalogue })],
  [
    'Redis store',
    () => new RedisEventStore({ connection: process.env['REDIS_URL']!, catalogue: asideCatalogue, keyPrefix: testKeyPrefix('retention'), subscriptionHeartbeatMs: 100 }),
  ],
];

describe.each(stores)('retention of closed sessions on the %s (DESIGN.md §4)', (_label, newStore) => {
  async function setup(overrides: Partial<GatewayOptions> = {}) {
    const store = newStore();
    closers.push(() => store.close());
    const clock = new TestClock();
    const archive = await archiveDirectory();
    const index = new InMemoryClosedSessionIndex();
    const start = async (more: Partial<GatewayOptions> = {}) => {
      const gateway = await Gateway.start({
        store,
        registry: travelRegistry(),
        llm: new ScriptedLlm([], { whenUnmatched: () => ({ text: 'Hello.' }) }),
        taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
        clock,
        retention: { archive, retentionMs: RETENTION_MS, sweepEveryMs: 24 * RETENTION_MS },
        closedSessions: index,
        ...overrides,
        ...more,
      });
      closers.push(() => gateway.close({ graceMs: 0 }));
      return gateway;
    };
    const gateway = await start();
    /** A session that spoke once, closed now. */
    const closedSession = async (on: Gateway = gateway) => {
      const { sessionId } = await on.createSession({ agent: 'travel', playout: 'instant' });
      await on.submitTurn(sessionId, { text: 'hello' });
      await on.whenQuiet(sessionId);
      await on.closeSession(sessionId);
      return sessionId;
    };
    return { store, clock, archive, index, gateway, start, closedSession };
  }

  it('archives a session closed longer ago than the period (its log, one event per line, in order) and deletes it whole', async () => {
    const { store, clock, archive, gateway, closedSession } = await setup();
    const old = await closedSession();
    const log = await wholeLog(store, old);
    clock.advance(RETENTION_MS + 1);
    const fresh = await closedSession();
    const { sessionId: open } = await gateway.createSession({ agent: 'travel', playout: 'instant' });

    const report = await gateway.services.retention!.sweep();

    expect(report.sessions).toEqual([{ sessionId: old, outcome: 'retired' }]);
    const lines = (await readFile(archive.pathOf(old), 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual(JSON.parse(JSON.stringify(log)));
    expect(lines.map((line) => (JSON.parse(line) as { position: number }).position)).toEqual(log.map((_, i) => i + 1));
    expect(lines.map((line) => (JSON.parse(line) as { type: string }).type).slice(-1)).toEqual(['SessionClosed']);

    // Deleted whole: nothing of it can be read, and its tombstone refuses a late append.
    expect((await store.readLog(old)).events).toEqual([]);
    expect(await store.logPosition(old)).toBe(0);
    expect(await store.streamVersion(streamName('session', old))).toBe(0);
    expect(await store.loadSnapshot(streamName('session', old), 1)).toBeNull();
    const late = {
      id: 'late-1',
      type: 'UserStateChanged',
      stream: streamName('session', old),
      occurredAt: clock.now().toISOString(),
      actor: { kind: 'gateway', id: 'late' } as const,
      causationId: 'late-1',
      correlationId: 'late-1',
      data: { speaking: true, endOfTurnPending: false },
    };
    await expect(store.append(old, [late])).rejects.toBeInstanceOf(SessionDeletedError);
    await expect(gateway.getSession(old)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    await expect(gateway.readEvents(old, { after: 0, limit: 10 })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });

    // The fresher closed session and the open one are kept.
    await expect(gateway.getSession(fresh)).resolves.toMatchObject({ status: 'closed' });
    await expect(gateway.getSession(open)).resolves.toMatchObject({ status: 'active' });
    await expect(stat(archive.pathOf(fresh))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a second sweep finds nothing; the fresher session goes once it is old enough', async () => {
    const { clock, gateway, closedSession } = await setup();
    const first = await closedSession();
    clock.advance(RETENTION_MS / 2);
    const second = await closedSession();
    clock.advance(RETENTION_MS / 2 + 1);

    expect((await gateway.services.retention!.sweep()).sessions).toEqual([{ sessionId: first, outcome: 'retired' }]);
    expect((await gateway.services.retention!.sweep()).sessions).toEqual([]);
    clock.advance(RETENTION_MS / 2);
    expect((await gateway.services.retention!.sweep()).sessions).toEqual([{ sessionId: second, outcome: 'retired' }]);
  });

  it('a crash between archiving and deleting: the next sweep deletes it and leaves the archive as it was', async () => {
    const { store, clock, archive, gateway, closedSession } = await setup();
    const sessionId = await closedSession();
    await archive.store(sessionId, (await wholeLog(store, sessionId)).map((event) => JSON.stringify(event)));
    const before = await stat(archive.pathOf(sessionId));
    clock.advance(RETENTION_MS + 1);

    expect((await gateway.services.retention!.sweep()).sessions).toEqual([{ sessionId, outcome: 'retired' }]);

    const after = await stat(archive.pathOf(sessionId));
    expect({ ino: after.ino, mtime: after.mtimeMs }).toEqual({ ino: before.ino, mtime: before.mtimeMs });
    expect(await store.logPosition(sessionId)).toBe(0);
  });

  it('an archive that says something else is never overwritten: the session is kept and reported', async () => {
    const { clock, archive, gateway, closedSession } = await setup();
    const sessionId = await closedSession();
    await writeFile(archive.pathOf(sessionId), '{"not":"this log"}\n');
    clock.advance(RETENTION_MS + 1);

    expect((await gateway.services.retention!.sweep()).sessions).toEqual([{ sessionId, outcome: 'failed' }]);

    expect(await readFile(archive.pathOf(sessionId), 'utf8')).toBe('{"not":"this log"}\n');
    await expect(gateway.getSession(sessionId)).resolves.toMatchObject({ status: 'closed' });
  });

  it('a session closed by an owner that died before indexing it is indexed by the next owner, and swept', async () => {
    const { clock, gateway, start, closedSession } = await setup();
    const sessionId = await closedSession();
    await gateway.close({ graceMs: 0 });
    // The new owner still finds it among the partition's open sessions (the old one never untracked it).
    const ownership = new SoleOwnership(1);
    await ownership.trackSession(sessionId, 0);
    const next = await start({ ownership, closedSessions: new InMemoryClosedSessionIndex() });
    clock.advance(RETENTION_MS + 1);

    expect((await next.services.retention!.sweep()).sessions).toEqual([{ sessionId, outcome: 'retired' }]);
    expect(await ownership.sessionsOf(0)).toEqual([]);
  });

  it('a session whose late result is still being POSTed is kept until it is delivered, then archived with it', async () => {
    const hook = await WebhookReceiver.start(['hang']);
    closers.push(() => hook.close());
    const queue = new ReportingQueue();
    const { store, clock, archive, gateway } = await setup({
      llm: new ScriptedLlm([{ toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Rome' } }] }]),
      taskQueue: () => queue,
      lateResults: { secret: 'test-webhook-secret-0123456789' },
    });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant', lateResults: { webhook: hook.url } });
    await gateway.submitTurn(sessionId, { text: 'flights to Rome?' });
    const job = await queue.nextJob();
    await gateway.closeSession(sessionId);
    await queue.report(job, 1, 1, { type: 'succeeded', result: '3 flights', handoff: null });
    await hook.requests(1);
    clock.advance(RETENTION_MS + 1);

    expect((await gateway.services.retention!.sweep()).sessions).toEqual([{ sessionId, outcome: 'late_results_pending' }]);

    hook.release();
    await eventInLog(store, sessionId, ofType('LateResultDelivered'));
    await gateway.services.lateResults!.idle();
    expect((await gateway.services.retention!.sweep()).sessions).toEqual([{ sessionId, outcome: 'retired' }]);
    const archived = (await readFile(archive.pathOf(sessionId), 'utf8')).trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    expect(archived.slice(-3)).toEqual(['ReportDiscarded', 'LateResultQueued', 'LateResultDelivered']);
    expect(await gateway.services.lateResults!.outbox.sessionsOf(0)).toEqual([]);
  });
});

describe('retention settings', () => {
  it('a gateway whose archive cannot be written refuses to start', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'aside-archive-')), 'a-file');
    await writeFile(file, '');
    closers.push(() => rm(join(file, '..'), { recursive: true, force: true }));
    await expect(
      Gateway.start({
        store: new InMemoryEventStore({ catalogue: asideCatalogue }),
        registry: travelRegistry(),
        llm: new ScriptedLlm([]),
        taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
        retention: { archive: new FileSessionArchive(join(file, 'archive')), retentionMs: RETENTION_MS },
      }),
    ).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('refuses a retention period that is not a positive integer', async () => {
    const options = {
      store: new InMemoryEventStore({ catalogue: asideCatalogue }),
      registry: travelRegistry(),
      llm: new ScriptedLlm([]),
      taskQueue: ({ resolveTool, hooks }: Parameters<GatewayOptions['taskQueue']>[0]) => new InProcessTaskQueue({ resolveTool, hooks }),
    };
    await expect(Gateway.start({ ...options, retention: { archive: await archiveDirectory(), retentionMs: 0 } })).rejects.toThrow('retention.retentionMs must be a positive integer, got 0');
  });
});
