import { describe, expect, it } from '@jest/globals';
import { ToolError, type ToolContext } from '@aside/domain';
import { TIMER_SLACK_MS, type ContractQueues } from './contract-queues.js';
import { deferred, jobFor, testTool } from './test-tools.js';

/** Per attempt; real time, kept small (a remote adapter cannot use fake timers). */
const TIMEOUT_MS = 40;

interface AttemptSeen {
  readonly signal: AbortSignal;
  readonly startedAt: number;
  abortedAt?: number;
}

function watch(ctx: ToolContext, into: AttemptSeen[]): void {
  const seen: AttemptSeen = { signal: ctx.signal, startedAt: performance.now() };
  ctx.signal.addEventListener('abort', () => {
    seen.abortedAt = performance.now();
  });
  into.push(seen);
}

/** Which failures end a task, which are retried, and what the retries report. */
export function describeFailures(queues: ContractQueues): void {
  describe('failures, retries and timeouts', () => {
    it('never retries a ToolError', async () => {
      let runs = 0;
      const refuse = testTool(
        'refuse',
        () => {
          runs += 1;
          throw new ToolError('nope');
        },
        { retries: 2 },
      );
      const { queue, log, idle } = await queues.start([refuse]);
      const job = jobFor(refuse);

      await queue.enqueue(job);
      await log.terminal(job.taskId);
      await idle();

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 failed tool_error: nope']);
      expect(runs).toBe(1);
    });

    it('retries an internal error while retries remain, each attempt from its own started, then fails as internal', async () => {
      const contexts: ToolContext[] = [];
      const flaky = testTool(
        'flaky',
        (_args, ctx) => {
          contexts.push(ctx);
          throw new Error('boom');
        },
        { retries: 2 },
      );
      const { queue, log } = await queues.start([flaky]);
      const job = jobFor(flaky);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', '3/0 started', '3/1 failed internal: boom']);
      expect(contexts.map((ctx) => ctx.attempt)).toEqual([1, 2, 3]);
      expect(new Set(contexts.map((ctx) => ctx.idempotencyKey)).size).toBe(1);
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
      const { queue, log } = await queues.start([flaky]);
      const job = jobFor(flaky);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress trying 1', '2/0 started', '2/1 progress trying 2', '2/2 succeeded ok']);
    });

    it('aborts a timed-out attempt\'s signal once its timeout elapsed, retries it, and ends with the timeout', async () => {
      const attempts: AttemptSeen[] = [];
      const slow = testTool(
        'slow',
        (_args, ctx) => {
          watch(ctx, attempts);
          return new Promise(() => undefined); // never settles, ignores its signal
        },
        { timeoutMs: TIMEOUT_MS, retries: 1 },
      );
      const { queue, log } = await queues.start([slow]);
      const job = jobFor(slow);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', `2/1 failed timeout: Tool \`slow\` timed out after ${TIMEOUT_MS} ms.`]);
      expect(attempts).toHaveLength(2);
      for (const attempt of attempts) {
        expect(attempt.signal.aborted).toBe(true);
        expect((attempt.signal.reason as DOMException).name).toBe('TimeoutError');
        expect(attempt.abortedAt! - attempt.startedAt).toBeGreaterThanOrEqual(TIMEOUT_MS - TIMER_SLACK_MS);
      }
    });

    it('drops whatever a timed-out body reports after its attempt ended', async () => {
      const releases = [deferred(), deferred()];
      const lateUpdatesResolved = [deferred(), deferred()];
      const zombie = testTool(
        'zombie',
        async (_args, ctx) => {
          await releases[ctx.attempt - 1]!.promise;
          await ctx.update(`late from attempt ${ctx.attempt}`);
          lateUpdatesResolved[ctx.attempt - 1]!.resolve();
          throw new Error('too late to matter');
        },
        { timeoutMs: TIMEOUT_MS, retries: 1 },
      );
      const { queue, log, idle } = await queues.start([zombie]);
      const job = jobFor(zombie);

      await queue.enqueue(job);
      await log.report(job.taskId, 'started', 2); // attempt 1 timed out and was retried
      releases[0]!.resolve(); // attempt 1 wakes up while attempt 2 runs
      await lateUpdatesResolved[0]!.promise;
      await log.terminal(job.taskId);
      releases[1]!.resolve(); // attempt 2 wakes up after the task ended
      await lateUpdatesResolved[1]!.promise;
      await idle();

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '2/0 started', `2/1 failed timeout: Tool \`zombie\` timed out after ${TIMEOUT_MS} ms.`]);
    });
  });
}
