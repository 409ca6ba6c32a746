import { afterEach, describe, expect, it } from '@jest/globals';
import type { ToolContext } from '@aside/domain';
import { deferred, jobFor, testTool } from '@aside/engine/task-queue-contract';
import { Distributed, eventually } from './support/distributed.js';

describe('attempt fencing', () => {
  let world: Distributed;
  afterEach(() => world.close());

  it('numbers a stalled job\'s new attempt by attemptsStarted: it starts at a higher attempt than the lost one', async () => {
    world = new Distributed();
    const contexts: ToolContext[] = [];
    const firstRunning = deferred();
    const hangs = testTool('hangs', async (_args, ctx) => {
      contexts.push(ctx);
      if (ctx.attempt === 1) firstRunning.resolve();
      if (ctx.attempt === 1) await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      return `done by attempt ${ctx.attempt}`;
    });
    const { queue, log } = await world.gateway();
    await world.runner([hangs], { lockDurationMs: 1_000, stalledIntervalMs: 100 });
    const job = jobFor(hangs, { retries: 0 });

    await queue.enqueue(job);
    await firstRunning.promise;
    // The runner "dies": its lock vanishes, as when it stops renewing it. No retry budget is
    // spent (attemptsMade stays 0), yet the recovered activation is a new attempt.
    await world.redis.del(`${world.prefix}:aside-tools:${job.taskId}:lock`);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', '2/1 succeeded done by attempt 2']);
    expect(contexts.map((ctx) => ctx.attempt)).toEqual([1, 2]);
    await eventually(async () => (await world.rawQueue.getJob(job.taskId)) === undefined);
  });
});
