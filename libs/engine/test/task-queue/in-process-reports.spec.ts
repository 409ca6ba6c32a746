import { afterEach, describe, expect, it } from '@jest/globals';
import { agent, handoff, task, type TaskDefinition, type ToolContext } from '@aside/domain';
import { z } from 'zod';
import { idempotencyKeyOf, type GatewayToolHooks, type TaskJob } from '../../src/index.js';
import { closeQueues, deferred, jobFor, startQueue, testTool } from './in-process-harness.js';

afterEach(closeQueues);

describe('in-process task queue: reports of a task', () => {
  it('reports started (seq 0) then succeeded for a body that returns at once', async () => {
    const echo = testTool('echo', () => 'ok');
    const { queue, log } = await startQueue([echo]);
    const job = jobFor(echo);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded ok']);
    expect(log.folded[0]).toEqual({ taskId: job.taskId, sessionId: 's1', attempt: 1, seq: 0, report: { type: 'started' } });
  });

  it('never runs the body inside the enqueuer\'s stack', async () => {
    let ran = false;
    const probe = testTool('probe', () => {
      ran = true;
    });
    const { queue, log } = await startQueue([probe]);
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
    const { queue, log } = await startQueue([search]);
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

  it('resolves ctx.update only after the handler folded the update', async () => {
    const foldGate = deferred();
    const progressArrived = deferred();
    let folded = false;
    let foldedWhenUpdateResolved: boolean | undefined;
    const search = testTool('search', async (_args, ctx) => {
      await ctx.update('searching');
      foldedWhenUpdateResolved = folded;
      return 'done';
    });
    const { queue, log } = await startQueue([search]);
    log.beforeFold = async (message) => {
      if (message.report.type !== 'progress') return;
      progressArrived.resolve();
      await foldGate.promise;
      folded = true;
    };
    const job = jobFor(search);

    await queue.enqueue(job);
    await progressArrived.promise;
    await new Promise((resolve) => setImmediate(resolve));
    expect(foldedWhenUpdateResolved).toBeUndefined();
    foldGate.resolve();
    await log.terminal(job.taskId);

    expect(foldedWhenUpdateResolved).toBe(true);
    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress searching', '1/2 succeeded done']);
  });

  it('hands one task\'s reports to the handler one at a time; other tasks interleave', async () => {
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
    await new Promise((resolve) => setImmediate(resolve));
    release.resolve();
    await Promise.all([log.terminal(first.taskId), log.terminal(second.taskId)]);

    expect(maxPerTask).toBe(1);
    expect(maxOverall).toBe(2);
    expect(log.lines(first.taskId)).toEqual(['1/0 started', '1/1 progress a', '1/2 progress b', '1/3 succeeded c']);
    expect(log.lines(second.taskId)).toEqual(log.lines(first.taskId));
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
    const { queue, log } = await startQueue([returns]);
    const job = jobFor(returns);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', expected]);
  });

  it('gives the body its context: ids, attempt, an idempotency key, a live signal, a logger', async () => {
    const seen = deferred<ToolContext>();
    const inspect = testTool('inspect', (_args, ctx) => {
      seen.resolve(ctx);
      return null;
    });
    const { queue, log } = await startQueue([inspect]);
    const job = jobFor(inspect, { taskId: 'sess9-callA', sessionId: 'sess9', callId: 'callA' });

    await queue.enqueue(job);
    const ctx = await seen.promise;
    await log.terminal(job.taskId);

    expect(ctx).toMatchObject({ taskId: 'sess9-callA', sessionId: 'sess9', callId: 'callA', attempt: 1, idempotencyKey: idempotencyKeyOf('sess9-callA') });
    expect(ctx.idempotencyKey).toContain('sess9-callA');
    expect(ctx.signal.aborted).toBe(false);
    expect(() => ctx.logger.info('hello')).not.toThrow();
  });

  it('passes the job\'s arguments to the body', async () => {
    const seen = deferred<unknown>();
    const echo = testTool('echo', (args) => {
      seen.resolve(args);
      return 'ok';
    });
    const { queue, log } = await startQueue([echo]);
    const job = jobFor(echo, { arguments: { city: 'Paris', days: 3 } });

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(await seen.promise).toEqual({ city: 'Paris', days: 3 });
  });

  it('runs an agent task through the gateway hooks', async () => {
    const collectEmail = task({ name: 'collect_email', instructions: 'Ask for the email.', result: z.object({ email: z.string() }) });
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
    const { queue, log } = await startQueue([subscribe], { hooks });
    const job = jobFor(subscribe);

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded subscribed ada@example.com']);
    expect(calls).toEqual([{ job, task: collectEmail }]);
  });

  it('rejects ctx.runTask with a clear error when the queue has no gateway hooks', async () => {
    const collectEmail = task({ name: 'collect_email', instructions: 'Ask.', result: z.object({ email: z.string() }) });
    const subscribe = testTool('subscribe', async (_args, ctx) => {
      try {
        await ctx.runTask!(collectEmail);
        return 'unexpected';
      } catch (error) {
        return (error as Error).message;
      }
    });
    const { queue, log } = await startQueue([subscribe]);
    const job = jobFor(subscribe);

    await queue.enqueue(job);
    const terminal = await log.terminal(job.taskId);

    expect(terminal.report).toMatchObject({ type: 'succeeded', result: expect.stringContaining('ctx.runTask is unavailable') });
  });

  it('fails an unknown tool as internal without crashing', async () => {
    const known = testTool('known', () => 'ok');
    const { queue, log } = await startQueue([known]);
    const job = jobFor(known, { toolName: 'ghost', agent: 'assistant' });

    await queue.enqueue(job);
    await log.terminal(job.taskId);

    expect(log.lines(job.taskId)).toEqual(['1/0 failed internal: Unknown tool ghost for agent assistant']);
  });

  it('fails as internal when resolving the tool throws', async () => {
    const { queue, log } = await startQueue([], {
      resolveTool: () => {
        throw new Error('registry offline');
      },
    });
    const job = jobFor(testTool('any', () => 'ok'));

    await queue.enqueue(job);
    const terminal = await log.terminal(job.taskId);

    expect(terminal.report).toEqual({ type: 'failed', kind: 'internal', message: 'Could not resolve tool any: registry offline' });
  });

  it('runs a task enqueued twice once, also after it finished', async () => {
    let runs = 0;
    const counted = testTool('counted', () => {
      runs += 1;
      return runs;
    });
    const { queue, log } = await startQueue([counted]);
    const job = jobFor(counted);

    await queue.enqueue(job);
    await queue.enqueue(job);
    await log.terminal(job.taskId);
    await queue.enqueue(job);
    const other = jobFor(counted);
    await queue.enqueue(other);
    await log.terminal(other.taskId);

    expect(runs).toBe(2);
    expect(log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded 1']);
  });
});
