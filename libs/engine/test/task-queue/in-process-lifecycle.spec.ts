import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { ToolContext } from '@aside/domain';
import { InProcessTaskQueue } from '../../src/index.js';
import { closeQueues, deferred, jobFor, recordingLogger, ReportLog, startQueue, testTool } from './in-process-harness.js';

afterEach(async () => {
  jest.useRealTimers();
  await closeQueues();
});

const SHUTDOWN = 'The task queue closed before the task finished';

describe('in-process task queue: start, close and report delivery', () => {
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

  it('lets running bodies finish within the grace period', async () => {
    const release = deferred();
    const running = deferred();
    const finishing = testTool('finishing', async () => {
      running.resolve();
      await release.promise;
      return 'finished in time';
    });
    const { queue, log } = await startQueue([finishing]);
    const job = jobFor(finishing);
    await queue.enqueue(job);
    await running.promise;

    let closed = false;
    const closing = queue.close(60_000).then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release.resolve();
    await closing;

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded finished in time']);
  });

  it('aborts bodies still running after the grace period and reports them cancelled', async () => {
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

  it('cancels waiting tasks at once and retries nothing during the grace period', async () => {
    const release = deferred();
    const running = deferred();
    const threw = deferred();
    const slowThenFail = testTool(
      'slow_then_fail',
      async () => {
        running.resolve();
        await release.promise;
        threw.resolve();
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

  it('delivers a report again when the handler rejects it, in order', async () => {
    const search = testTool('search', async (_args, ctx) => {
      await ctx.update('searching');
      return '42';
    });
    const logger = recordingLogger();
    const { queue, log } = await startQueue([search], { logger });
    let rejections = 0;
    log.beforeFold = (message) => {
      if (message.report.type === 'progress' && rejections < 2) {
        rejections += 1;
        throw new Error('store unavailable');
      }
    };
    const job = jobFor(search);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress searching', '1/2 succeeded 42']);
    expect(logger.lines.filter((entry) => entry.level === 'warn').map((entry) => entry.fields)).toEqual([
      expect.objectContaining({ seq: 1, tries: 1, error: 'store unavailable' }),
      expect.objectContaining({ seq: 1, tries: 2, error: 'store unavailable' }),
    ]);
  });

  it('drops a report the handler keeps rejecting, logs it, and goes on with the next', async () => {
    const search = testTool('search', async (_args, ctx) => {
      await ctx.update('searching');
      return '42';
    });
    const logger = recordingLogger();
    const { queue, log } = await startQueue([search], { logger, reportDelivery: { attempts: 3, backoff: { initialMs: 1, maxMs: 1 } } });
    let tries = 0;
    log.beforeFold = (message) => {
      if (message.report.type === 'progress') {
        tries += 1;
        throw new Error('poison');
      }
    };
    const job = jobFor(search);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(tries).toBe(3);
    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/2 succeeded 42']);
    expect(logger.lines.filter((entry) => entry.level === 'error')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Report dropped'), fields: expect.objectContaining({ seq: 1, tries: 3 }) }),
    ]);
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
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.folded.filter((message) => message.report.type === 'started')).toHaveLength(2);
    release.resolve();
    await Promise.all(jobs.map((job) => log.terminal(job.taskId)));

    expect(mostAtOnce).toBe(2);
  });
});
