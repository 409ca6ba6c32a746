import { afterEach, describe, expect, it } from '@jest/globals';
import type { ToolContext } from '@aside/domain';
import { closeQueues, deferred, jobFor, recordingLogger, startQueue, testTool } from './in-process-harness.js';

afterEach(closeQueues);

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('in-process task queue: cancellation', () => {
  it('aborts a running body, reports cancelled once, never retries, and drops what the body reports later', async () => {
    const release = deferred();
    const running = deferred<ToolContext>();
    const lateUpdateResolved = deferred();
    let runs = 0;
    const stubborn = testTool(
      'stubborn',
      async (_args, ctx) => {
        runs += 1;
        await ctx.update('working');
        running.resolve(ctx);
        await release.promise; // ignores its signal
        await ctx.update('still here');
        lateUpdateResolved.resolve();
        return 'late result';
      },
      { retries: 3 },
    );
    const { queue, log } = await startQueue([stubborn]);
    const job = jobFor(stubborn);

    await queue.enqueue(job);
    const ctx = await running.promise;
    await queue.cancel(job.taskId);
    await queue.cancel(job.taskId);
    await log.terminal(job.taskId);

    expect(ctx.signal.aborted).toBe(true);
    expect((ctx.signal.reason as DOMException).name).toBe('AbortError');
    release.resolve();
    await lateUpdateResolved.promise;
    await nextTurn();
    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress working', `1/2 failed cancelled: Task ${job.taskId} was cancelled`]);
    expect(runs).toBe(1);
  });

  it('reports cancelled, not an internal error or an update, when the body reacts to its aborted signal', async () => {
    const running = deferred();
    const polite = testTool('polite', async (_args, ctx) => {
      running.resolve();
      await new Promise((_resolve, reject) =>
        ctx.signal.addEventListener('abort', () => {
          void ctx.update('cleaning up'); // the attempt is already over when the signal fires
          reject(ctx.signal.reason);
        }),
      );
    });
    const logger = recordingLogger();
    const { queue, log } = await startQueue([polite], { logger });
    const job = jobFor(polite);

    await queue.enqueue(job);
    await running.promise;
    await queue.cancel(job.taskId);
    await log.terminal(job.taskId);
    await nextTurn();

    expect(log.lines(job.taskId)).toEqual(['1/0 started', `1/1 failed cancelled: Task ${job.taskId} was cancelled`]);
    expect(logger.lines.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('removes a task waiting for its retry and reports it cancelled', async () => {
    const threw = deferred();
    let runs = 0;
    const flaky = testTool(
      'flaky',
      () => {
        runs += 1;
        threw.resolve();
        throw new Error('down');
      },
      { retries: 1 },
    );
    const { queue, log } = await startQueue([flaky], { retryBackoff: { initialMs: 60_000, maxMs: 60_000 } });
    const job = jobFor(flaky);

    await queue.enqueue(job);
    await threw.promise;
    await nextTurn();
    await queue.cancel(job.taskId);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', `1/1 failed cancelled: Task ${job.taskId} was cancelled`]);
    expect(runs).toBe(1);
  });

  it('removes a task waiting for a free slot before its body ever runs', async () => {
    const release = deferred();
    const firstRunning = deferred();
    const ran: string[] = [];
    const exclusive = testTool('exclusive', async (_args, ctx) => {
      ran.push(ctx.taskId);
      firstRunning.resolve();
      await release.promise;
      return 'done';
    });
    const { queue, log } = await startQueue([exclusive], { concurrency: 1 });
    const [first, second, third] = [jobFor(exclusive), jobFor(exclusive), jobFor(exclusive)];

    await queue.enqueue(first);
    await firstRunning.promise;
    await queue.enqueue(second);
    await queue.enqueue(third);
    await nextTurn();
    await queue.cancel(second.taskId);
    await log.terminal(second.taskId);
    release.resolve();
    await Promise.all([log.terminal(first.taskId), log.terminal(third.taskId)]);

    expect(log.lines(second.taskId)).toEqual([`1/0 failed cancelled: Task ${second.taskId} was cancelled`]);
    expect(log.lines(third.taskId)).toEqual(['1/0 started', '1/1 succeeded done']);
    expect(ran).toEqual([first.taskId, third.taskId]);
  });

  it('ignores a cancel of an unknown or finished task', async () => {
    const quick = testTool('quick', () => 'ok');
    const { queue, log } = await startQueue([quick]);
    const job = jobFor(quick);

    await queue.cancel('never-enqueued');
    await queue.enqueue(job);
    await log.terminal(job.taskId);
    await nextTurn();
    await queue.cancel(job.taskId);
    await nextTurn();

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded ok']);
  });
});
