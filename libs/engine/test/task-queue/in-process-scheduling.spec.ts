import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { ToolContext } from '@aside/domain';
import { InProcessTaskQueue } from '../../src/index.js';
import { ReportLog } from './contract/report-log.js';
import { deferred, jobFor, testTool } from './contract/test-tools.js';
import { closeQueues, nextTurn, startQueue } from './in-process-harness.js';

afterEach(async () => {
  jest.useRealTimers();
  await closeQueues();
});

const SHUTDOWN = 'The task queue closed before the task finished';

// What only the in-process queue has: its start/close checks, its `concurrency` line, its
// backoff curve, and its timers to the millisecond on a fake clock. The port's behaviour is in
// contract/, run by in-process-task-queue.spec.ts.
describe('in-process task queue: scheduling', () => {
  it('refuses work before start, a second start, and work after close', async () => {
    const quick = testTool('quick', () => 'ok');
    const queue = new InProcessTaskQueue({ resolveTool: () => quick });
    const log = new ReportLog();

    await expect(queue.enqueue(jobFor(quick))).rejects.toThrow('before enqueueing');
    await queue.start(log.handler);
    await expect(queue.start(log.handler)).rejects.toThrow('already started');
    await queue.close();
    await expect(queue.enqueue(jobFor(quick))).rejects.toThrow('closed');
  });

  it('runs at most `concurrency` bodies at once', async () => {
    const release = deferred();
    let running = 0;
    let mostAtOnce = 0;
    const twoStarted = deferred();
    const busy = testTool('busy', async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      if (running === 2) twoStarted.resolve();
      await release.promise;
      running -= 1;
      return 'ok';
    });
    const { queue, log } = await startQueue([busy], { concurrency: 2 });
    const jobs = [jobFor(busy), jobFor(busy), jobFor(busy), jobFor(busy)];

    for (const job of jobs) await queue.enqueue(job);
    await twoStarted.promise;
    await nextTurn();
    expect(log.folded.filter((message) => message.report.type === 'started')).toHaveLength(2);
    release.resolve();
    await Promise.all(jobs.map((job) => log.terminal(job.taskId)));

    expect(mostAtOnce).toBe(2);
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

  it('cancels tasks waiting for a free slot at once when closing, and retries nothing during the grace period', async () => {
    const release = deferred();
    const running = deferred();
    const slowThenFail = testTool(
      'slow_then_fail',
      async () => {
        running.resolve();
        await release.promise;
        throw new Error('flaky');
      },
      { retries: 5 },
    );
    const { queue, log } = await startQueue([slowThenFail], { concurrency: 1 });
    const [first, waiting] = [jobFor(slowThenFail), jobFor(slowThenFail)];
    await queue.enqueue(first);
    await running.promise;
    await queue.enqueue(waiting);

    const closing = queue.close(60_000);
    await log.terminal(waiting.taskId);
    expect(log.lines(first.taskId)).toEqual(['1/0 started']);
    release.resolve();
    await closing;

    expect(log.lines(waiting.taskId)).toEqual([`1/0 failed cancelled: ${SHUTDOWN}`]);
    expect(log.lines(first.taskId)).toEqual(['1/0 started', `1/1 failed cancelled: ${SHUTDOWN}`]);
  });

  it('hands reports of different tasks to the handler side by side, each task\'s one at a time', async () => {
    const chatty = testTool('chatty', async (_args, ctx) => {
      void ctx.update('a');
      void ctx.update('b');
      return 'c';
    });
    const { queue, log } = await startQueue([chatty]);
    const inFlight = new Map<string, number>();
    let maxPerTask = 0;
    let maxOverall = 0;
    const release = deferred();
    log.beforeFold = async (message) => {
      const count = (inFlight.get(message.taskId) ?? 0) + 1;
      inFlight.set(message.taskId, count);
      maxPerTask = Math.max(maxPerTask, count);
      maxOverall = Math.max(maxOverall, [...inFlight.values()].reduce((sum, value) => sum + value, 0));
      await release.promise;
      inFlight.set(message.taskId, (inFlight.get(message.taskId) ?? 1) - 1);
    };
    const first = jobFor(chatty);
    const second = jobFor(chatty);

    await queue.enqueue(first);
    await queue.enqueue(second);
    await nextTurn();
    release.resolve();
    await Promise.all([log.terminal(first.taskId), log.terminal(second.taskId)]);

    expect(maxPerTask).toBe(1);
    expect(maxOverall).toBe(2);
    expect(log.lines(first.taskId)).toEqual(['1/0 started', '1/1 progress a', '1/2 progress b', '1/3 succeeded c']);
    expect(log.lines(second.taskId)).toEqual(log.lines(first.taskId));
  });

  it('backs off exponentially between attempts, up to the maximum', async () => {
    jest.useFakeTimers();
    const startedAt: number[] = [];
    const origin = Date.now();
    const failing = testTool(
      'failing',
      () => {
        startedAt.push(Date.now() - origin);
        throw new Error('down');
      },
      { retries: 3 },
    );
    const { queue, log } = await startQueue([failing], { retryBackoff: { initialMs: 100, maxMs: 250 } });
    const job = jobFor(failing);

    await queue.enqueue(job);
    await jest.advanceTimersByTimeAsync(1_000);
    await log.terminal(job.taskId);

    expect(startedAt).toEqual([0, 100, 300, 550]);
  });

  it('aborts a timed-out attempt\'s signal at its timeout to the millisecond (fake clock)', async () => {
    jest.useFakeTimers();
    const signals: AbortSignal[] = [];
    const slow = testTool(
      'slow',
      (_args, ctx) => {
        signals.push(ctx.signal);
        return new Promise(() => undefined); // never settles, ignores its signal
      },
      { timeoutMs: 50, retries: 1 },
    );
    const { queue, log } = await startQueue([slow]);
    const job = jobFor(slow);

    await queue.enqueue(job);
    await jest.advanceTimersByTimeAsync(49);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(signals[0]!.aborted).toBe(true);
    expect((signals[0]!.reason as DOMException).name).toBe('TimeoutError');
    await jest.advanceTimersByTimeAsync(100);
    await log.terminal(job.taskId);

    expect(signals).toHaveLength(2);
    expect(signals[1]!.aborted).toBe(true);
    expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', '2/1 failed timeout: Tool `slow` timed out after 50 ms.']);
  });

  it('aborts bodies still running when the grace period ends, to the millisecond (fake clock)', async () => {
    jest.useFakeTimers();
    const running = deferred<ToolContext>();
    const endless = testTool('endless', (_args, ctx) => {
      running.resolve(ctx);
      return new Promise(() => undefined);
    });
    const { queue, log } = await startQueue([endless]);
    const job = jobFor(endless);
    await queue.enqueue(job);
    const ctx = await running.promise;

    const closing = queue.close(100);
    await jest.advanceTimersByTimeAsync(99);
    expect(ctx.signal.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await closing;

    expect(ctx.signal.aborted).toBe(true);
    expect(log.lines(job.taskId)).toEqual(['1/0 started', `1/1 failed cancelled: ${SHUTDOWN}`]);
  });
});
