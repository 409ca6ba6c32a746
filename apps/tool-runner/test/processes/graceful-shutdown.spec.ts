import { describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { isTerminalReport, pidInProgress } from './support/folded-reports.js';
import { useRunnerProcesses } from './support/use-runner-processes.js';

describe('a runner process on SIGTERM', () => {
  const t = useRunnerProcesses('processes-sigterm');

  it('finishes a body done within the grace period, hands back one that outlives it without burning an attempt, and exits 0', async () => {
    // Alone at first, so both tasks run on the runner that will be terminated.
    const [leaving] = await t.fleet.start(1, { ASIDE_GRACE_MS: '1000' });
    const { sessionId, taskIds } = await t.gateway.callTools([
      { callId: 'quick', name: 'await_release', arguments: { label: 'quick' } },
      { callId: 'slow', name: 'await_release', arguments: { label: 'slow' } }, // retries: 0
    ]);
    const [quick, slow] = taskIds as [string, string];
    const reports = (taskId: string) => t.gateway.reports(sessionId, taskId);
    await eventually('both bodies running on the first runner', async () => pidInProgress(await reports(quick), 1) === leaving!.pid && pidInProgress(await reports(slow), 1) === leaving!.pid);
    const [staying] = await t.fleet.start(1);

    leaving!.signal('SIGTERM');
    await eventually('the first runner shutting down (no longer ready)', async () => (await leaving!.readiness()) !== 200);
    await t.redis.set(t.keys.release(quick, 1), 'go'); // well inside the 1 s grace period
    const exit = await eventually('the first runner exited on its own', () => leaving!.exitStatus, { detail: () => t.fleet.describe() });
    expect(exit).toEqual({ code: 0, signal: null });

    expect(await eventually('the handed-back task running again', async () => pidInProgress(await reports(slow), 2), { detail: () => t.fleet.describe() })).toBe(staying!.pid);
    await t.redis.set(t.keys.release(slow, 2), 'go');
    await eventually('both tasks succeeded', async () => (await t.gateway.gateway.getSession(sessionId)).tasks.every((task) => task.status === 'succeeded'));

    expect((await reports(quick)).filter(isTerminalReport)).toEqual([
      { attempt: 1, seq: 3, report: { type: 'succeeded', result: `quick: attempt 1 finished on pid ${leaving!.pid}`, handoff: null }, discarded: null },
    ]);
    // The handed-back attempt reported nothing terminal: nothing was lost, nothing failed.
    expect((await reports(slow)).filter(isTerminalReport)).toEqual([
      { attempt: 2, seq: 3, report: { type: 'succeeded', result: `slow: attempt 2 finished on pid ${staying!.pid}`, handoff: null }, discarded: null },
    ]);
  });
});
