import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ToolError, type ToolContext } from '@aside/domain';
import { closeQueues, deferred, jobFor, recordingLogger, startQueue, testTool } from './in-process-harness.js';

afterEach(async () => {
  jest.useRealTimers();
  await closeQueues();
});

describe('in-process task queue: failures, retries and timeouts', () => {
  it('never retries a ToolError and logs no stack for it', async () => {
    let runs = 0;
    const refuse = testTool(
      'refuse',
      () => {
        runs += 1;
        throw new ToolError('nope');
      },
      { retries: 2 },
    );
    const logger = recordingLogger();
    const { queue, log } = await startQueue([refuse], { logger });
    const job = jobFor(refuse);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 failed tool_error: nope']);
    expect(runs).toBe(1);
    expect(logger.lines.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('retries an internal error while retries remain, each attempt with its own started, then fails as internal', async () => {
    const contexts: ToolContext[] = [];
    const flaky = testTool(
      'flaky',
      (_args, ctx) => {
        contexts.push(ctx);
        throw new Error('boom');
      },
      { retries: 2 },
    );
    const logger = recordingLogger();
    const { queue, log } = await startQueue([flaky], { logger });
    const job = jobFor(flaky);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', '3/0 started', '3/1 failed internal: boom']);
    expect(contexts.map((ctx) => ctx.attempt)).toEqual([1, 2, 3]);
    expect(new Set(contexts.map((ctx) => ctx.idempotencyKey)).size).toBe(1);
    const errors = logger.lines.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(3);
    expect(errors[0]!.fields).toMatchObject({ taskId: job.taskId, attempt: 1, error: 'boom', stack: expect.stringContaining('boom') });
  });

  it('keeps a later attempt\'s success, after the failed attempt\'s own updates', async () => {
    const flaky = testTool(
      'flaky',
      async (_args, ctx) => {
        await ctx.update(`trying ${ctx.attempt}`);
        if (ctx.attempt === 1) throw new TypeError('connection reset');
        return 'ok';
      },
      { retries: 3 },
    );
    const { queue, log } = await startQueue([flaky]);
    const job = jobFor(flaky);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress trying 1', '2/0 started', '2/1 progress trying 2', '2/2 succeeded ok']);
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

  it('aborts a timed-out attempt\'s signal, retries it, and ends with the timeout', async () => {
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

  it('drops whatever a timed-out body reports after its attempt ended', async () => {
    jest.useFakeTimers();
    const releases = [deferred(), deferred()];
    const lateUpdateResolved = deferred();
    const zombie = testTool(
      'zombie',
      async (_args, ctx) => {
        await releases[ctx.attempt - 1]!.promise;
        await ctx.update(`late from attempt ${ctx.attempt}`);
        if (ctx.attempt === 2) lateUpdateResolved.resolve();
        throw new Error('too late to matter');
      },
      { timeoutMs: 50, retries: 1 },
    );
    const logger = recordingLogger();
    const { queue, log } = await startQueue([zombie], { logger });
    const job = jobFor(zombie);

    await queue.enqueue(job);
    await jest.advanceTimersByTimeAsync(51); // attempt 1 timed out; attempt 2 starts after the backoff
    await log.report(job.taskId, 'started', 2);
    releases[0]!.resolve(); // attempt 1 wakes up while attempt 2 runs
    await jest.advanceTimersByTimeAsync(50);
    await log.terminal(job.taskId);
    releases[1]!.resolve(); // attempt 2 wakes up after the task ended
    await lateUpdateResolved.promise;
    await jest.advanceTimersByTimeAsync(10);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', '2/1 failed timeout: Tool `zombie` timed out after 50 ms.']);
    expect(logger.lines.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
