import { afterEach, describe, expect, it } from '@jest/globals';
import { jobFor, testTool } from '@aside/engine/task-queue-contract';
import { Distributed, eventually } from './support/distributed.js';

describe('malformed jobs', () => {
  let world: Distributed;
  afterEach(() => world.close());

  it('fails a job of an unknown contract version with a clear report, and keeps working', async () => {
    world = new Distributed();
    const echo = testTool('echo', () => 'ok');
    const { queue, log } = await world.gateway();
    await world.runner([echo]);
    const future = { ...jobFor(echo), contractVersion: 2 };

    await world.rawQueue.add('echo', future, { jobId: future.taskId, attempts: 3 });
    const terminal = await log.terminal(future.taskId);
    expect(terminal).toMatchObject({ attempt: 1, seq: 0, report: { type: 'failed', kind: 'internal' } });
    expect((terminal.report as { message: string }).message).toBe('Unsupported job contract version 2: this runner understands version 1');
    await eventually(async () => (await (await world.rawQueue.getJob(future.taskId))?.getState()) === 'failed');
    const failed = await world.rawQueue.getJob(future.taskId);
    expect(failed?.attemptsStarted).toBe(1); // UnrecoverableError: never retried, though 3 attempts were allowed
    expect(failed?.failedReason).toBe('Unsupported job contract version 2: this runner understands version 1');

    const valid = jobFor(echo);
    await queue.enqueue(valid);
    await log.terminal(valid.taskId);
    expect(log.lines(valid.taskId)).toEqual(['1/0 started', '1/1 succeeded ok']);
  });

  it('fails malformed data (reporting when a session id can be read), and keeps working', async () => {
    world = new Distributed();
    const echo = testTool('echo', () => 'ok');
    const { queue, log } = await world.gateway();
    await world.runner([echo]);
    const noArguments = { ...jobFor(echo), arguments: 'not an object' };
    const noSession = { toolName: 'echo' };

    await world.rawQueue.add('echo', noArguments, { jobId: noArguments.taskId });
    await world.rawQueue.add('echo', noSession, { jobId: 'nosession1' });
    const terminal = await log.terminal(noArguments.taskId);
    expect((terminal.report as { message: string }).message).toMatch(/^Malformed job data: arguments: /);
    await eventually(async () => (await (await world.rawQueue.getJob('nosession1'))?.getState()) === 'failed');

    const valid = jobFor(echo);
    await queue.enqueue(valid);
    await log.terminal(valid.taskId);
    expect(log.lines(valid.taskId)).toEqual(['1/0 started', '1/1 succeeded ok']);
  });
});
