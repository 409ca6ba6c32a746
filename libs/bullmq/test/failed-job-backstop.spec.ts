import { afterEach, describe, expect, it } from '@jest/globals';
import { deferred, jobFor, testTool } from '@aside/engine/task-queue-contract';
import { Distributed, eventually } from './support/distributed.js';

describe('a job BullMQ fails without a terminal report', () => {
  let world: Distributed;
  afterEach(() => world.close());

  it('ends its task with a failure the LLM can speak about, numbered past the dead attempt\'s reports', async () => {
    world = new Distributed();
    const running = deferred();
    const hangs = testTool('hangs', async (_args, ctx) => {
      await ctx.update('working');
      running.resolve();
      await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
      return 'never folded';
    });
    const { queue, log } = await world.gateway();
    // No stall recovery allowed: the first runner death fails the job.
    await world.runner([hangs], { lockDurationMs: 1_000, stalledIntervalMs: 100, maxStalledCount: 0 });
    const job = jobFor(hangs, { retries: 3 });

    await queue.enqueue(job);
    await running.promise;
    await world.redis.del(`${world.prefix}:aside-tools:${job.taskId}:lock`); // the runner "dies"
    await log.terminal(job.taskId);

    // BullMQ counts the failing stall check as a started attempt: the ending supersedes attempt 1.
    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress working', '2/0 failed internal: The tool runner stopped: job stalled more than allowable limit']);
  });

  it('adds nothing when the runner reported the failure itself', async () => {
    world = new Distributed();
    const broken = testTool('broken', () => {
      throw new Error('boom');
    });
    const { queue, log } = await world.gateway();
    await world.runner([broken]);
    const job = jobFor(broken, { retries: 0 });

    await queue.enqueue(job);
    await log.terminal(job.taskId);
    await eventually(async () => (await (await world.rawQueue.getJob(job.taskId))?.getState()) === 'failed');
    // The failed event has passed the gateway by the time a later job's report arrives.
    const later = jobFor(broken, { retries: 0, taskId: `${job.taskId}x` });
    await queue.enqueue(later);
    await log.terminal(later.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 failed internal: boom']);
  });
});
