import { afterEach, describe, expect, it } from '@jest/globals';
import type { ToolContext } from '@aside/domain';
import { deferred, jobFor, testTool } from '@aside/engine/task-queue-contract';
import { Distributed } from './support/distributed.js';

describe('a runner closing (SIGTERM)', () => {
  let world: Distributed;
  afterEach(() => world.close());

  it('hands a body that outlives the grace period back to the queue without burning an attempt; the next runner finishes it', async () => {
    world = new Distributed();
    const contexts: ToolContext[] = [];
    const firstRunning = deferred();
    const slow = testTool('slow', async (_args, ctx) => {
      contexts.push(ctx);
      if (ctx.attempt > 1) return `done by attempt ${ctx.attempt}`;
      firstRunning.resolve();
      return new Promise(() => undefined); // ignores its signal: only the hand-back ends it
    });
    const { queue, log } = await world.gateway();
    const leaving = await world.runner([slow]);
    const job = jobFor(slow, { retries: 0 }); // one attempt only: a burnt attempt would fail the task

    await queue.enqueue(job);
    await firstRunning.promise;
    await leaving.close(50);

    const handedBack = await world.rawQueue.getJob(job.taskId);
    expect(await handedBack?.getState()).toBe('waiting');
    expect(handedBack?.attemptsMade).toBe(0);
    expect(contexts[0]!.signal.aborted).toBe(true);
    expect(log.lines(job.taskId)).toEqual(['1/0 started']);

    await world.runner([slow]);
    await log.terminal(job.taskId);
    expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', '2/1 succeeded done by attempt 2']);
  });

  it('ends a handed-back body as cancelled when its task was cancelled meanwhile', async () => {
    world = new Distributed();
    const running = deferred();
    const slow = testTool('slow', (_args, ctx) => {
      running.resolve();
      return new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    });
    const { queue, log } = await world.gateway();
    const leaving = await world.runner([slow]);
    const job = jobFor(slow, { retries: 3 });

    await queue.enqueue(job);
    await running.promise;
    // The flag only (as if the publish was missed): the hand-back reads it and ends the task instead.
    await world.redis.set(world.keys.cancelFlag(0, job.taskId), '1', 'EX', 60);
    await leaving.close(20);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', `1/1 failed cancelled: Task ${job.taskId} was cancelled`]);
    expect(await (await world.rawQueue.getJob(job.taskId))?.getState()).toBe('failed');
  });
});
