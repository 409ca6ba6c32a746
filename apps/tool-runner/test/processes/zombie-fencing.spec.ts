import { describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { isTerminalReport, pidInProgress } from './support/folded-reports.js';
import { useRunnerProcesses } from './support/use-runner-processes.js';

describe('a zombie runner process', () => {
  const t = useRunnerProcesses('processes-zombie');

  it('stopped past its lock, its job re-runs elsewhere; woken up, its late reports are discarded as superseded and only attempt 2 answers', async () => {
    await t.fleet.start(2);
    const { sessionId, taskIds } = await t.gateway.callTools([{ callId: 'c1', name: 'await_release', arguments: { label: 'zombie' } }]);
    const taskId = taskIds[0]!;
    const reports = () => t.gateway.reports(sessionId, taskId);

    const zombie = t.fleet.byPid(await eventually('attempt 1 running', async () => pidInProgress(await reports(), 1)));
    zombie.signal('SIGSTOP');
    const [other] = t.fleet.others(zombie);
    expect(await eventually('attempt 2 running', async () => pidInProgress(await reports(), 2), { detail: () => t.fleet.describe() })).toBe(other!.pid);

    // Woken while attempt 2 still runs, the zombie finishes attempt 1: a late update, a late result.
    await t.redis.set(t.keys.release(taskId, 1), 'go');
    zombie.signal('SIGCONT');
    const late = await eventually('the zombie’s two late reports reached the fold', async () => {
      const fromZombie = (await reports()).filter((folded) => folded.attempt === 1 && folded.seq >= 2);
      return fromZombie.length === 2 && fromZombie;
    });
    expect(late).toEqual([
      { attempt: 1, seq: 2, report: { type: 'progress', message: 'attempt 1 released' }, discarded: 'superseded_attempt' },
      { attempt: 1, seq: 3, report: { type: 'succeeded', result: `zombie: attempt 1 finished on pid ${zombie.pid}`, handoff: null }, discarded: 'superseded_attempt' },
    ]);

    await t.redis.set(t.keys.release(taskId, 2), 'go');
    await eventually('attempt 2’s result reached the fold', async () => (await reports()).some((folded) => folded.attempt === 2 && isTerminalReport(folded)));
    const result = `zombie: attempt 2 finished on pid ${other!.pid}`;
    expect((await t.gateway.task(sessionId, taskId)).status).toBe('succeeded');
    expect((await t.gateway.outputs(sessionId)).filter((output) => output.callId === 'c1_finished')).toEqual([{ callId: 'c1_finished', output: result, isError: false }]);
  });
});
