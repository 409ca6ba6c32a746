import { afterEach, describe, expect, it } from '@jest/globals';
import type { TaskReportMessage } from '@aside/engine';
import { ReportLog } from '@aside/engine/task-queue-contract';
import { INBOX_GROUP } from '../src/index.js';
import { Distributed, eventually } from './support/distributed.js';

const report = (taskId: string, seq: number, sessionId = 'sess-0-inboxtest'): TaskReportMessage => ({
  taskId,
  sessionId,
  attempt: 1,
  seq,
  report: seq === 0 ? { type: 'started' } : { type: 'succeeded', result: 'ok', handoff: null },
});

describe('the gateway\'s inbox consumer', () => {
  let world: Distributed;
  afterEach(() => world.close());

  const pendingCount = async (): Promise<number> => ((await world.redis.xpending(world.keys.inbox(0), INBOX_GROUP)) as [number])[0];

  it('folds different sessions side by side and each session in inbox order; a rejection holds back only its own session', async () => {
    world = new Distributed();
    const log = new ReportLog();
    const [slow, fast, stuck] = ['sess-0-inboxslow', 'sess-0-inboxfast', 'sess-0-inboxstuck'];
    let fastFolded!: () => void;
    const fastWasFolded = new Promise<void>((resolve) => (fastFolded = resolve));
    let stuckRejections = 0;
    log.beforeFold = async (message) => {
      // The slow session's first fold waits for the fast session's: folded one at a time, the
      // inbox would never get to the fast one.
      if (message.sessionId === slow && message.seq === 0) await fastWasFolded;
      if (message.sessionId === fast) fastFolded();
      if (message.sessionId === stuck && message.seq === 0 && (stuckRejections += 1) === 1) throw new Error('store unavailable');
    };
    for (const seq of [0, 1]) {
      for (const session of [slow, fast, stuck]) await world.redis.xadd(world.keys.inbox(0), '*', 'm', JSON.stringify(report(`${session}-c1`, seq, session)));
    }

    await world.gateway({ redeliveryDelayMs: 50 }, log);
    await log.terminal(`${slow}-c1`);
    await log.terminal(`${stuck}-c1`);

    const order = (session: string) => log.folded.filter((message) => message.sessionId === session).map((message) => message.seq);
    expect([order(slow), order(fast), order(stuck)]).toEqual([[0, 1], [0, 1], [0, 1]]);
    expect(stuckRejections).toBe(2);
    await eventually(async () => (await pendingCount()) === 0);
  });

  it('dead-letters an invalid entry with its reason, acknowledges it, and goes on', async () => {
    world = new Distributed();
    const { log } = await world.gateway();
    await world.redis.xadd(world.keys.inbox(0), '*', 'm', '{"taskId":"x"}');
    await world.redis.xadd(world.keys.inbox(0), '*', 'm', 'not json');
    await world.redis.xadd(world.keys.inbox(0), '*', 'm', JSON.stringify(report('sess-0-inboxtest-c1', 0)));

    await log.report('sess-0-inboxtest-c1', 'started');
    await eventually(async () => (await world.redis.xlen(world.keys.inboxDead(0))) === 2);

    const dead = await world.redis.xrange(world.keys.inboxDead(0), '-', '+');
    expect(dead.map(([, fields]) => fields[3])).toEqual([expect.stringContaining('sessionId'), expect.stringMatching(/^not JSON/)]);
    expect(log.folded).toHaveLength(1);
    await eventually(async () => (await pendingCount()) === 0);
  });

  it('redelivers an entry the handler rejected: a dead consumer\'s pending entry is reclaimed by another', async () => {
    world = new Distributed();
    const rejecting = new ReportLog();
    let rejections = 0;
    rejecting.beforeFold = () => {
      rejections += 1;
      throw new Error('store unavailable');
    };
    const first = await world.gateway({ consumerName: 'gateway-a', reclaimIdleMs: 60_000, redeliveryDelayMs: 1_000 }, rejecting);
    await world.redis.xadd(world.keys.inbox(0), '*', 'm', JSON.stringify(report('sess-0-inboxtest-c2', 0)));
    await eventually(() => rejections >= 1);
    await first.queue.close(); // gateway A dies with the entry pending on it

    expect(await pendingCount()).toBe(1);
    const second = await world.gateway({ consumerName: 'gateway-b', reclaimIdleMs: 50 });
    await second.log.report('sess-0-inboxtest-c2', 'started');

    expect(rejecting.folded).toEqual([]);
    expect(second.log.folded).toEqual([report('sess-0-inboxtest-c2', 0)]);
    await eventually(async () => (await pendingCount()) === 0);
  });

  it('makes a partition\'s new owner adopt what the former owner left pending at once, and fold it before anything newer', async () => {
    world = new Distributed();
    const rejecting = new ReportLog();
    let rejections = 0;
    rejecting.beforeFold = () => {
      rejections += 1;
      throw new Error('not the owner any more');
    };
    const former = await world.gateway({ consumerName: 'gateway-a', redeliveryDelayMs: 1_000 }, rejecting);
    await world.redis.xadd(world.keys.inbox(0), '*', 'm', JSON.stringify(report('sess-0-inboxtest-c3', 0)));
    await eventually(() => rejections >= 1);
    await former.queue.close();

    // A long reclaim idle time: only the adoption can hand the entry over within the test.
    const successor = await world.gateway({ consumerName: 'gateway-b', partitions: [], reclaimIdleMs: 60_000 });
    await successor.queue.attachPartition(0);
    await world.redis.xadd(world.keys.inbox(0), '*', 'm', JSON.stringify(report('sess-0-inboxtest-c3', 1)));
    await successor.log.terminal('sess-0-inboxtest-c3');

    expect(successor.log.folded).toEqual([report('sess-0-inboxtest-c3', 0), report('sess-0-inboxtest-c3', 1)]);
    await eventually(async () => (await pendingCount()) === 0);
  });

  it('lets the partition\'s owner trim what every consumer acknowledged, keeping the oldest pending entry and what follows', async () => {
    world = new Distributed();
    const log = new ReportLog();
    log.beforeFold = (message) => {
      if (message.taskId === 'sess-0-inboxtest-held') throw new Error('store unavailable');
    };
    const owner = await world.gateway({ partitions: [], blockMs: 50, redeliveryDelayMs: 20 }, log);
    await owner.queue.attachPartition(0);
    for (const seq of [0, 1]) await world.redis.xadd(world.keys.inbox(0), '*', 'm', JSON.stringify(report('sess-0-inboxtest-t1', seq)));
    await log.terminal('sess-0-inboxtest-t1');
    const held = await world.redis.xadd(world.keys.inbox(0), '*', 'm', JSON.stringify(report('sess-0-inboxtest-held', 0)));

    await eventually(async () => (await world.redis.xlen(world.keys.inbox(0))) === 1);
    expect((await world.redis.xrange(world.keys.inbox(0), '-', '+')).map(([id]) => id)).toEqual([held]);
  });
});
