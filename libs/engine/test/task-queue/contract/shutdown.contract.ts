import { describe, expect, it } from '@jest/globals';
import type { ToolContext } from '@aside/domain';
import { TIMER_SLACK_MS, WAITS_FOR_RETRY_MS, type ContractQueues } from './contract-queues.js';
import { deferred, jobFor, testTool } from './test-tools.js';

/** What a task still running at shutdown reports. */
const SHUTDOWN_MESSAGE = 'The task queue closed before the task finished';
/** Real time, kept small. */
const GRACE_MS = 40;
/** A grace period no test waits out: the test ends first. */
const LONG_GRACE_MS = 60_000;

/**
 * `close(graceMs)`: no new work, running bodies get the grace period, then are aborted — and
 * their tasks end as cancelled, or, on a durable queue, go back to the queue (capabilities).
 */
export function describeShutdown(queues: ContractQueues): void {
  describe('closing', () => {
    it('lets running bodies finish within the grace period', async () => {
      const release = deferred();
      const running = deferred<ToolContext>();
      let closed = false;
      let closedWhenBodyResumed: boolean | undefined;
      let abortedWhenBodyResumed: boolean | undefined;
      const finishing = testTool('finishing', async (_args, ctx) => {
        running.resolve(ctx);
        await release.promise;
        closedWhenBodyResumed = closed;
        abortedWhenBodyResumed = ctx.signal.aborted;
        return 'finished in time';
      });
      const { queue, log, idle } = await queues.start([finishing]);
      const job = jobFor(finishing);
      await queue.enqueue(job);
      await running.promise;

      const closing = queue.close(LONG_GRACE_MS).then(() => {
        closed = true;
      });
      await idle();
      release.resolve();
      await closing;

      expect(closedWhenBodyResumed).toBe(false);
      expect(abortedWhenBodyResumed).toBe(false);
      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded finished in time']);
    });

    it('aborts bodies still running after the grace period and ends their tasks cancelled (or, on a durable queue, hands them back)', async () => {
      const running = deferred<ToolContext>();
      let abortedAt: number | undefined;
      const endless = testTool('endless', (_args, ctx) => {
        ctx.signal.addEventListener('abort', () => {
          abortedAt = performance.now();
        });
        running.resolve(ctx);
        return new Promise(() => undefined);
      });
      const { queue, log } = await queues.start([endless]);
      const job = jobFor(endless);
      await queue.enqueue(job);
      const ctx = await running.promise;

      const closingAt = performance.now();
      await queue.close(GRACE_MS);

      expect(ctx.signal.aborted).toBe(true);
      expect(abortedAt! - closingAt).toBeGreaterThanOrEqual(GRACE_MS - TIMER_SLACK_MS);
      const ending = queues.capabilities.durable ? [] : [`1/1 failed cancelled: ${SHUTDOWN_MESSAGE}`];
      expect(log.lines(job.taskId)).toEqual(['1/0 started', ...ending]);
    });

    it('cancels a task waiting for its retry at once, and retries no body that fails during the grace period (a durable queue leaves both queued)', async () => {
      const release = deferred();
      const running = deferred();
      const flakyThrew = deferred();
      const slowThenFail = testTool(
        'slow_then_fail',
        async () => {
          running.resolve();
          await release.promise;
          throw new Error('flaky');
        },
        { retries: 5 },
      );
      const flaky = testTool(
        'flaky',
        () => {
          flakyThrew.resolve();
          throw new Error('down');
        },
        { retries: 5 },
      );
      const { queue, log, idle } = await queues.start([slowThenFail, flaky], { retryBackoffMs: WAITS_FOR_RETRY_MS });
      const [first, waiting] = [jobFor(slowThenFail), jobFor(flaky)];
      await queue.enqueue(first);
      await queue.enqueue(waiting);
      await Promise.all([running.promise, flakyThrew.promise]);
      await idle(); // `waiting` failed its attempt and waits for the retry

      const closing = queue.close(LONG_GRACE_MS);
      if (!queues.capabilities.durable) {
        await log.terminal(waiting.taskId);
      } else {
        // A durable queue keeps the waiting task for the next runner (capabilities): the close
        // neither runs it nor ends it.
        await idle();
      }
      expect(log.lines(first.taskId)).toEqual(['1/0 started']);
      release.resolve();
      await closing;

      const ending = queues.capabilities.durable ? [] : [`1/1 failed cancelled: ${SHUTDOWN_MESSAGE}`];
      expect(log.lines(waiting.taskId)).toEqual(['1/0 started', ...ending]);
      expect(log.lines(first.taskId)).toEqual(['1/0 started', ...ending]);
    });

    it('refuses work after close', async () => {
      let ran = false;
      const quick = testTool('quick', () => {
        ran = true;
        return 'ok';
      });
      const { queue, log, idle } = await queues.start([quick]);
      const job = jobFor(quick);

      await queue.close(0);
      await expect(queue.enqueue(job)).rejects.toThrow();
      await idle();

      expect(ran).toBe(false);
      expect(log.lines(job.taskId)).toEqual([]);
    });
  });
}
