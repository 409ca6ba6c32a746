import { describe, expect, it } from '@jest/globals';
import { agent, handoff } from '@aside/domain';
import type { ContractQueues } from './contract-queues.js';
import { deferred, jobFor, TEST_SESSION_ID, testTool } from './test-tools.js';

/** Which reports a task writes, keyed taskId/attempt/seq, and how they reach the handler. */
export function describeReports(queues: ContractQueues): void {
  describe('reports of a task', () => {
    it('reports started (seq 0) then succeeded for a body that returns at once', async () => {
      const echo = testTool('echo', () => 'ok');
      const { queue, log } = await queues.start([echo]);
      const job = jobFor(echo);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded ok']);
      expect(log.folded[0]).toEqual({ taskId: job.taskId, sessionId: TEST_SESSION_ID, attempt: 1, seq: 0, report: { type: 'started' } });
    });

    it('never runs the body inside the enqueuer\'s stack', async () => {
      let ran = false;
      const probe = testTool('probe', () => {
        ran = true;
      });
      const { queue, log } = await queues.start([probe]);
      const job = jobFor(probe);

      const enqueued = queue.enqueue(job);
      expect(ran).toBe(false);
      await enqueued;
      await log.terminal(job.taskId);
      expect(ran).toBe(true);
    });

    it('numbers updates 1..n in order, then the result', async () => {
      const search = testTool('search', async (_args, ctx) => {
        await ctx.update('searching');
        void ctx.update('still searching'); // not awaited: ordering still holds
        await ctx.update('almost there');
        return '42';
      });
      const { queue, log } = await queues.start([search]);
      const job = jobFor(search);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual([
        '1/0 started',
        '1/1 progress searching',
        '1/2 progress still searching',
        '1/3 progress almost there',
        '1/4 succeeded 42',
      ]);
    });

    if (queues.capabilities.updateAwaitsFold) {
      it('resolves ctx.update only after the handler folded the update', async () => {
        let updateResolved = false;
        let updateResolvedWhileFolding: boolean | undefined;
        let foldedWhenUpdateResolved: boolean | undefined;
        const search = testTool('search', async (_args, ctx) => {
          await ctx.update('searching');
          updateResolved = true;
          foldedWhenUpdateResolved = log.folded.some((message) => message.report.type === 'progress');
          return 'done';
        });
        const { queue, log, idle } = await queues.start([search]);
        log.beforeFold = async (message) => {
          if (message.report.type !== 'progress') return;
          await idle(); // a slow fold: the queue does all it can meanwhile
          updateResolvedWhileFolding = updateResolved;
        };
        const job = jobFor(search);

        await queue.enqueue(job);
        await log.terminal(job.taskId);

        expect(updateResolvedWhileFolding).toBe(false);
        expect(foldedWhenUpdateResolved).toBe(true);
        expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress searching', '1/2 succeeded done']);
      });
    } else {
      // A remote runner cannot see the gateway's fold and must not wait for it (capabilities):
      // the promise it keeps instead is that the update is durable when ctx.update resolves —
      // written where the fold will take it from — and that it is still folded, once, in order.
      it('resolves ctx.update only after the update was durably written, without waiting for the fold', async () => {
        let writtenWhenUpdateResolved: string[] | undefined;
        let foldedWhenUpdateResolved: boolean | undefined;
        const holdFold = deferred();
        const search = testTool('search', async (_args, ctx) => {
          await ctx.update('searching');
          foldedWhenUpdateResolved = log.folded.some((message) => message.report.type === 'progress');
          writtenWhenUpdateResolved = await writtenLines(job.taskId);
          holdFold.resolve();
          return 'done';
        });
        const { queue, log, writtenLines } = await queues.start([search]);
        log.beforeFold = async (message) => {
          if (message.report.type === 'progress') await holdFold.promise; // the fold waits on the body, not the reverse
        };
        const job = jobFor(search);

        await queue.enqueue(job);
        await log.terminal(job.taskId);

        expect(foldedWhenUpdateResolved).toBe(false);
        expect(writtenWhenUpdateResolved).toContain('1/1 progress searching');
        expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress searching', '1/2 succeeded done']);
      });
    }

    it('hands a task\'s reports to the handler one at a time, in order', async () => {
      const chatty = testTool('chatty', (_args, ctx) => {
        void ctx.update('a');
        void ctx.update('b');
        return 'c';
      });
      const { queue, log, idle } = await queues.start([chatty]);
      let inFlight = 0;
      let mostAtOnce = 0;
      log.beforeFold = async (message) => {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        // A slow fold of the first update: the task's later reports exist meanwhile, and wait.
        if (message.report.type === 'progress' && message.report.message === 'a') await idle();
        inFlight -= 1;
      };
      const job = jobFor(chatty);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(mostAtOnce).toBe(1);
      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress a', '1/2 progress b', '1/3 succeeded c']);
    });

    it('delivers a report again when the handler rejects it, in order', async () => {
      const search = testTool('search', async (_args, ctx) => {
        await ctx.update('searching');
        return '42';
      });
      const { queue, log } = await queues.start([search]);
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

      expect(rejections).toBe(2);
      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress searching', '1/2 succeeded 42']);
    });

    it.each([
      ['a string, as it is', 'sunny', '1/1 succeeded sunny'],
      ['nothing, as a null result', undefined, '1/1 succeeded null'],
      ['null, as a null result', null, '1/1 succeeded null'],
      ['an object, as JSON', { temperature: 21, unit: 'C' }, '1/1 succeeded {"temperature":21,"unit":"C"}'],
      ['a number, as it prints', 42, '1/1 succeeded 42'],
      ['a handoff, as the agent to start', handoff('billing'), '1/1 succeeded null handoff=billing'],
      ['an agent definition, as a handoff to it', agent({ name: 'sales', instructions: 'Sell.' }), '1/1 succeeded null handoff=sales'],
    ])('reports a returned value: %s', async (_case, value, expected) => {
      const returns = testTool('returns', () => value);
      const { queue, log } = await queues.start([returns]);
      const job = jobFor(returns);

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 started', expected]);
    });

    it('runs a task enqueued twice once, also after it finished', async () => {
      let runs = 0;
      const counted = testTool('counted', () => {
        runs += 1;
        return runs;
      });
      const { queue, log, idle } = await queues.start([counted]);
      const job = jobFor(counted);

      await queue.enqueue(job);
      await queue.enqueue(job);
      await log.terminal(job.taskId);
      await queue.enqueue(job);
      const other = jobFor(counted);
      await queue.enqueue(other);
      await log.terminal(other.taskId);
      await idle();

      expect(runs).toBe(2);
      expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded 1']);
      expect(log.lines(other.taskId)).toEqual(['1/0 started', '1/1 succeeded 2']);
    });

    it('fails an unknown tool as internal, with no started report', async () => {
      const known = testTool('known', () => 'ok');
      const { queue, log } = await queues.start([known]);
      const job = jobFor(known, { toolName: 'ghost', agent: 'assistant' });

      await queue.enqueue(job);
      await log.terminal(job.taskId);

      expect(log.lines(job.taskId)).toEqual(['1/0 failed internal: Unknown tool ghost for agent assistant']);
    });

    it('fails as internal when resolving the tool throws', async () => {
      const { queue, log } = await queues.start([], {
        resolveTool: () => {
          throw new Error('registry offline');
        },
      });
      const job = jobFor(testTool('any', () => 'ok'));

      await queue.enqueue(job);
      const terminal = await log.terminal(job.taskId);

      expect(terminal.report).toEqual({ type: 'failed', kind: 'internal', message: 'Could not resolve tool any: registry offline' });
    });
  });
}
