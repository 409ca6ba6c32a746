import { afterEach, describe, expect, it } from '@jest/globals';
import { task, ToolError, type ToolContext } from '@aside/domain';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../src/index.js';
import { deferred, jobFor, testTool } from './contract/test-tools.js';
import { closeQueues, nextTurn, recordingLogger, startQueue } from './in-process-harness.js';

afterEach(closeQueues);

const errorsOf = (logger: ReturnType<typeof recordingLogger>) => logger.lines.filter((entry) => entry.level === 'error');

// What only the in-process queue has: its logger, its bounded report redelivery, and its own
// wording and derivations. The port's behaviour is in contract/, run by in-process-task-queue.spec.ts.
describe('in-process task queue: logs, report delivery and wording', () => {
  it('logs no error for a ToolError: it is a message for the LLM, with no stack to keep', async () => {
    const refuse = testTool('refuse', () => {
      throw new ToolError('nope');
    });
    const logger = recordingLogger();
    const { queue, log } = await startQueue([refuse], { logger });
    const job = jobFor(refuse);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 failed tool_error: nope']);
    expect(errorsOf(logger)).toEqual([]);
  });

  it('logs every failed attempt of an internal error, with the task\'s fields and the stack', async () => {
    const flaky = testTool(
      'flaky',
      () => {
        throw new Error('boom');
      },
      { retries: 2 },
    );
    const logger = recordingLogger();
    const { queue, log } = await startQueue([flaky], { logger });
    const job = jobFor(flaky);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    const errors = errorsOf(logger);
    expect(errors).toHaveLength(3);
    expect(errors[0]!.fields).toMatchObject({ taskId: job.taskId, attempt: 1, error: 'boom', stack: expect.stringContaining('boom') });
  });

  it('logs no error when the body rejects with its aborted signal after a cancel', async () => {
    const running = deferred();
    const polite = testTool('polite', async (_args, ctx) => {
      running.resolve();
      await new Promise((_resolve, reject) =>
        ctx.signal.addEventListener('abort', () => {
          void ctx.update('cleaning up');
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

    expect(errorsOf(logger)).toEqual([]);
  });

  it('logs no error for what a timed-out body throws after its attempt ended', async () => {
    const releases = [deferred(), deferred()];
    const thrown = [deferred(), deferred()];
    const zombie = testTool(
      'zombie',
      async (_args, ctx) => {
        await releases[ctx.attempt - 1]!.promise;
        await ctx.update(`late from attempt ${ctx.attempt}`);
        thrown[ctx.attempt - 1]!.resolve();
        throw new Error('too late to matter');
      },
      { timeoutMs: 20, retries: 1 },
    );
    const logger = recordingLogger();
    const { queue, log } = await startQueue([zombie], { logger });
    const job = jobFor(zombie);

    await queue.enqueue(job);
    await log.report(job.taskId, 'started', 2);
    releases[0]!.resolve();
    await thrown[0]!.promise;
    await log.terminal(job.taskId);
    releases[1]!.resolve();
    await thrown[1]!.promise;
    await nextTurn();

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', '2/1 failed timeout: Tool `zombie` timed out after 20 ms.']);
    expect(errorsOf(logger)).toEqual([]);
  });

  it('warns about each rejected report delivery with its key and try', async () => {
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
    expect(errorsOf(logger)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Report dropped'), fields: expect.objectContaining({ seq: 1, tries: 3 }) }),
    ]);
  });

  it('rejects ctx.runTask and ctx.completeAgentTask with a clear error when the queue has no gateway hooks', async () => {
    const collectEmail = task({ name: 'collect_email', instructions: 'Ask.', result: z.object({ email: z.string() }) });
    const messageOf = (call: () => Promise<unknown>): Promise<string> =>
      call().then(
        () => 'unexpected',
        (error: unknown) => (error as Error).message,
      );
    const subscribe = testTool('subscribe', async (_args, ctx) => {
      const runTask = await messageOf(() => ctx.runTask!(collectEmail));
      const complete = await messageOf(() => ctx.completeAgentTask!({ email: 'x' }));
      return `${runTask} | ${complete}`;
    });
    const { queue, log } = await startQueue([subscribe]);
    const job = jobFor(subscribe);

    await queue.enqueue(job);
    const terminal = await log.terminal(job.taskId);

    expect(terminal.report).toMatchObject({ type: 'succeeded', result: expect.stringContaining('ctx.runTask is unavailable') });
    expect(terminal.report).toMatchObject({ result: expect.stringContaining('Completing an agent task needs the gateway') });
  });

  it('derives ctx.idempotencyKey from the task id alone (idempotencyKeyOf)', async () => {
    const seen = deferred<ToolContext>();
    const inspect = testTool('inspect', (_args, ctx) => {
      seen.resolve(ctx);
      return null;
    });
    const { queue, log } = await startQueue([inspect]);
    const job = jobFor(inspect);

    await queue.enqueue(job);
    const ctx = await seen.promise;
    await log.terminal(job.taskId);

    expect(ctx.idempotencyKey).toBe(idempotencyKeyOf(job.taskId));
  });
});
