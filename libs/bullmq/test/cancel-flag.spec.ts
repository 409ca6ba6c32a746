import { afterEach, describe, expect, it } from '@jest/globals';
import { deferred, jobFor, testTool } from '@aside/engine/task-queue-contract';
import { Distributed } from './support/distributed.js';

describe('the cancel flag', () => {
  let world: Distributed;
  afterEach(() => world.close());

  it('is caught through the next report write when the cancel publish was missed', async () => {
    world = new Distributed();
    const flagged = deferred();
    let signalAborted: boolean | undefined;
    const chatty = testTool(
      'chatty',
      async (_args, ctx) => {
        await ctx.update('one');
        await flagged.promise;
        await ctx.update('two'); // this write answers that the task was cancelled
        signalAborted = ctx.signal.aborted;
        await ctx.update('three'); // the attempt is over: dropped
        return 'never reported';
      },
      { retries: 2 },
    );
    const { queue, log } = await world.gateway();
    await world.runner([chatty]);
    const job = jobFor(chatty);

    await queue.enqueue(job);
    await log.report(job.taskId, 'progress');
    // Only the flag, as if the runner had missed the publish.
    await world.redis.set(world.keys.cancelFlag(0, job.taskId), '1', 'EX', 60);
    flagged.resolve();
    await log.terminal(job.taskId);

    expect(signalAborted).toBe(true);
    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress one', '1/2 progress two', `1/3 failed cancelled: Task ${job.taskId} was cancelled`]);
  });
});
