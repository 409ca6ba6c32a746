import { describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { useRunnerProcesses } from './support/use-runner-processes.js';

describe('a runner process given a job it cannot run', () => {
  const t = useRunnerProcesses('processes-malformed');

  it('fails that job for good and keeps serving', async () => {
    const [runner] = await t.fleet.start(1);

    await t.jobs.addRaw('not-a-task', { nonsense: true });
    const job = await eventually('the raw job failed', async () => {
      const seen = await t.jobs.job('not-a-task');
      return seen?.state === 'failed' && seen;
    });
    expect(job).toEqual({ state: 'failed', attemptsStarted: 1 });

    const { sessionId } = await t.gateway.callTools([{ callId: 'c1', name: 'gated_pid', arguments: { n: 1 } }]);
    await t.redis.set(t.keys.gate, 'open');
    await eventually('the next task succeeded', async () => (await t.gateway.gateway.getSession(sessionId)).tasks[0]?.status === 'succeeded');
    expect(await t.gateway.outputs(sessionId)).toEqual([{ callId: 'c1', output: `job 1 ran on pid ${runner!.pid}`, isError: false }]);
    expect(await runner!.readiness()).toBe(200);
  });
});
