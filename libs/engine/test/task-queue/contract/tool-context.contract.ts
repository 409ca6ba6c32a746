import { describe, expect, it } from '@jest/globals';
import { task, type TaskDefinition, type ToolContext } from '@aside/domain';
import { z } from 'zod';
import type { GatewayToolHooks, TaskJob } from '../../../src/index.js';
import type { ContractQueues } from './contract-queues.js';
import { deferred, jobFor, testTool } from './test-tools.js';

const collectEmail = task({ name: 'collect_email', instructions: 'Ask for the email.', result: z.object({ email: z.string() }) });

/** What a body receives beside its arguments (DESIGN.md §3 step 3), and the gateway hooks it reaches. */
export function describeToolContext(queues: ContractQueues): void {
  describe('the body\'s context', () => {
    it('gives the body its context: ids, attempt, an idempotency key, a live signal, a logger', async () => {
      const seen = deferred<ToolContext>();
      const inspect = testTool('inspect', (_args, ctx) => {
        seen.resolve(ctx);
        return null;
      });
      const { queue, log } = await queues.start([inspect]);
      const job = jobFor(inspect, { taskId: 'sess-9-contexttest-callA', sessionId: 'sess-9-contexttest', callId: 'callA' });

      await queue.enqueue(job);
      const ctx = await seen.promise;
      await log.terminal(job.taskId);

      expect(ctx).toMatchObject({ taskId: 'sess-9-contexttest-callA', sessionId: 'sess-9-contexttest', callId: 'callA', attempt: 1 });
      expect(typeof ctx.idempotencyKey).toBe('string');
      expect(ctx.idempotencyKey).toContain('sess-9-contexttest-callA');
      expect(ctx.signal.aborted).toBe(false);
      expect(() => ctx.logger.info('hello')).not.toThrow();
    });

    it('passes the job\'s arguments to the body', async () => {
      const seen = deferred<unknown>();
      const echo = testTool('echo', (args) => {
        seen.resolve(args);
        return 'ok';
      });
      const { queue, log } = await queues.start([echo]);
      const job = jobFor(echo, { arguments: { city: 'Paris', days: 3 } });

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(await seen.promise).toEqual({ city: 'Paris', days: 3 });
    });

    it('runs an agent task through the gateway hooks', async () => {
      const calls: { job: TaskJob; task: TaskDefinition<unknown> }[] = [];
      const hooks: GatewayToolHooks = {
        runAgentTask: async (job, definition) => {
          calls.push({ job, task: definition });
          return { email: 'ada@example.com' };
        },
        completeAgentTask: async () => undefined,
      };
      const subscribe = testTool('subscribe', async (_args, ctx) => {
        const { email } = await ctx.runTask!(collectEmail);
        return `subscribed ${email}`;
      });
      const { queue, log } = await queues.start([subscribe], { hooks });
      const job = jobFor(subscribe);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded subscribed ada@example.com']);
      expect(calls).toEqual([{ job, task: collectEmail }]);
    });

    it('hands an agent task\'s result back through the gateway hooks', async () => {
      const calls: { job: TaskJob; result: unknown }[] = [];
      const hooks: GatewayToolHooks = {
        runAgentTask: async () => undefined,
        completeAgentTask: async (job, result) => {
          calls.push({ job, result });
        },
      };
      const complete = testTool('complete', async (_args, ctx) => {
        await ctx.completeAgentTask!({ email: 'ada@example.com' });
        return 'handed back';
      });
      const { queue, log } = await queues.start([complete], { hooks });
      const job = jobFor(complete);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded handed back']);
      expect(calls).toEqual([{ job, result: { email: 'ada@example.com' } }]);
    });

    it('offers no agent tasks without gateway hooks: ctx.runTask and ctx.completeAgentTask are absent or reject', async () => {
      const attempt = (call: (() => Promise<unknown>) | undefined): Promise<string> =>
        call === undefined ? Promise.resolve('absent') : call().then(() => 'resolved', () => 'rejected');
      const subscribe = testTool('subscribe', async (_args, ctx) => {
        const runTask = await attempt(ctx.runTask && (() => ctx.runTask!(collectEmail)));
        const complete = await attempt(ctx.completeAgentTask && (() => ctx.completeAgentTask!({ email: 'x' })));
        return { runTask, complete };
      });
      const { queue, log } = await queues.start([subscribe]);
      const job = jobFor(subscribe);

      await queue.enqueue(job);
      const terminal = await log.terminal(job.taskId);

      expect(terminal.report.type).toBe('succeeded');
      const outcome = JSON.parse((terminal.report as { result: string }).result) as { runTask: string; complete: string };
      expect(['absent', 'rejected']).toContain(outcome.runTask);
      expect(['absent', 'rejected']).toContain(outcome.complete);
    });
  });
}
