import { describe, expect, it } from '@jest/globals';
import { eventually } from './support/eventually.js';
import { isTerminalReport, pidInProgress } from './support/folded-reports.js';
import { useRunnerProcesses } from './support/use-runner-processes.js';

describe('a remote cancel', () => {
  const t = useRunnerProcesses('processes-cancel');

  it('aborts the body running in a runner process; the task ends cancelled and never runs again, although retries remain', async () => {
    await t.fleet.start(2);
    const { sessionId, taskIds } = await t.gateway.callTools([{ callId: 'c1', name: 'run_until_aborted', arguments: {} }]);
    const taskId = taskIds[0]!;
    const reports = () => t.gateway.reports(sessionId, taskId);
    const pid = await eventually('the body running', async () => pidInProgress(await reports(), 1));

    await t.gateway.gateway.session(sessionId).cancel('c1');

    const aborted = await eventually('the body saw its signal abort', () => t.redis.get(t.keys.aborted(taskId, 1)), { detail: () => t.fleet.describe() });
    expect(aborted).toBe(`${pid} Task ${taskId} was cancelled`);
    expect((await t.gateway.task(sessionId, taskId)).status).toBe('cancelled');
    // The runner ended the attempt as cancelled (after the cancel the fold only records it) …
    const terminal = await eventually('the runner’s terminal report reached the fold', async () => (await reports()).find(isTerminalReport));
    expect(terminal).toMatchObject({ attempt: 1, report: { type: 'failed', kind: 'cancelled' }, discarded: 'task_finished' });
    // … and BullMQ failed the job for good: a retry would leave it delayed or waiting.
    const job = await eventually('the job failed', async () => {
      const seen = await t.jobs.job(taskId);
      return seen?.state === 'failed' && seen;
    });
    expect(job).toEqual({ state: 'failed', attemptsStarted: 1 });
    expect((await reports()).filter((folded) => folded.attempt > 1)).toEqual([]);
  });
});
