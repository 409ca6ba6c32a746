import { describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { isTerminalReport, pidInProgress } from './support/folded-reports.js';
import { useRunnerProcesses } from './support/use-runner-processes.js';

describe('a runner process crashes mid-job', () => {
  const t = useRunnerProcesses('processes-crash');

  it('kill -9 while the body runs: the stalled job finishes on the other runner as attempt 2, one result folded', async () => {
    await t.fleet.start(2);
    const { sessionId, taskIds } = await t.gateway.callTools([{ callId: 'c1', name: 'await_release', arguments: { label: 'crash' } }]);
    const taskId = taskIds[0]!;
    const reports = () => t.gateway.reports(sessionId, taskId);

    const crashed = t.fleet.byPid(await eventually('attempt 1 running', async () => pidInProgress(await reports(), 1)));
    crashed.signal('SIGKILL');
    expect(await crashed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const [survivor] = t.fleet.others(crashed);
    // Its lock lapses unrenewed; the survivor's stalled check puts the job back, and takes it.
    expect(await eventually('attempt 2 running', async () => pidInProgress(await reports(), 2), { detail: () => t.fleet.describe() })).toBe(survivor!.pid);
    await t.redis.set(t.keys.release(taskId, 2), 'go');
    await eventually('the task succeeded', async () => (await t.gateway.task(sessionId, taskId)).status === 'succeeded');

    const result = `crash: attempt 2 finished on pid ${survivor!.pid}`;
    expect((await reports()).filter(isTerminalReport)).toEqual([{ attempt: 2, seq: 3, report: { type: 'succeeded', result, handoff: null }, discarded: null }]);
    expect((await t.gateway.outputs(sessionId)).filter((output) => output.callId === 'c1_finished')).toEqual([{ callId: 'c1_finished', output: result, isError: false }]);
  });
});
