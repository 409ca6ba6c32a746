import { describe, expect, it } from '@jest/globals';
import type { ToolContext } from '@aside/domain';
import { WAITS_FOR_RETRY_MS, type ContractQueues } from './contract-queues.js';
import { deferred, jobFor, testTool } from './test-tools.js';

/** The reason a cancelled task reports (SEMANTICS: a cancel is a decision, never retried). */
const cancelledMessage = (taskId: string): string => `Task ${taskId} was cancelled`;

/** `cancel(taskId)`: wherever the task is, it ends once, as cancelled, and is never retried. */
export function describeCancellation(queues: ContractQueues): void {
  describe('cancellation', () => {
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
      const { queue, log, idle } = await queues.start([stubborn]);
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
      await idle();
      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress working', `1/2 failed cancelled: ${cancelledMessage(job.taskId)}`]);
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
      const { queue, log, idle } = await queues.start([polite]);
      const job = jobFor(polite);

      await queue.enqueue(job);
      await running.promise;
      await queue.cancel(job.taskId);
      await log.terminal(job.taskId);
      await idle();

      expect(log.lines(job.taskId)).toEqual(['1/0 started', `1/1 failed cancelled: ${cancelledMessage(job.taskId)}`]);
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
      const { queue, log, idle } = await queues.start([flaky], { retryBackoffMs: WAITS_FOR_RETRY_MS });
      const job = jobFor(flaky);

      await queue.enqueue(job);
      await threw.promise;
      await idle(); // the failed attempt is handled: the task waits for its retry
      await queue.cancel(job.taskId);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 started', `1/1 failed cancelled: ${cancelledMessage(job.taskId)}`]);
      expect(runs).toBe(1);
    });

    it('ignores a cancel of an unknown or finished task', async () => {
      const quick = testTool('quick', () => 'ok');
      const { queue, log, idle } = await queues.start([quick]);
      const job = jobFor(quick);

      await queue.cancel('sess-0-taskqueuetest-never');
      await queue.enqueue(job);
      await log.terminal(job.taskId);
      await idle();
      await queue.cancel(job.taskId);
      await idle();

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded ok']);
    });
  });
}
