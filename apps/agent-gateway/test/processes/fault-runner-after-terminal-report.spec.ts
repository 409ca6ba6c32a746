import { describe, expect, it } from '@jest/globals';
import { eventually } from '@aside/testing';
import { foldedReports, outputsOf, startConversation, untilDelivered, untilRunning } from '@aside/testing-deployment';
import { expectDeliveredOnce, expectEachReportFoldedOnce, expectGapFree, expectStory } from './support/audit-log.js';
import { useProcessDeployment } from './support/use-process-deployment.js';

/**
 * Fault point `runner.after-terminal-report`: the runner dies after its result reached the
 * inbox but before BullMQ completed the job — so the job stalls and runs again elsewhere.
 */
describe('a runner process killed after writing its terminal report', () => {
  const deployment = useProcessDeployment('proc-fault-runner');
  const detail = () => deployment.describe();

  it('the re-run on the restarted runner changes nothing: the first result is folded and delivered once, the re-run is recorded as discarded', async () => {
    const [gateway, crashing] = await Promise.all([deployment.gateway('gw-1'), deployment.runner('runner-1', { faultPoint: 'runner.after-terminal-report' })]);
    await gateway.acquired();
    const conversation = await startConversation(gateway.client, ['c1', 'c2'], detail);
    await untilRunning(gateway.client, conversation, 1, detail);

    await deployment.release([conversation.tasks[0]!.taskId]);
    expect(await crashing.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crashing.lines).toContain(`fault point runner.after-terminal-report reached: killing process ${crashing.pid}`);
    // Its supervisor starts it again; the stall check hands both jobs (c1's, done but not
    // completed in BullMQ, and c2's, still running) to the new process as attempt 2.
    const restarted = await deployment.runner('runner-1-restarted');
    await deployment.release([conversation.tasks[1]!.taskId]);

    await untilDelivered(gateway.client, conversation, detail);
    const [c1, c2] = conversation.tasks.map((task) => task.taskId) as [string, string];
    // c1's re-run must reach the fold too (as discarded) before the log is complete.
    const complete = await eventually('c1’s re-run reported to the end', async () => {
      const seen = await gateway.client.auditLog(conversation.sessionId);
      return foldedReports(seen, c1).some((report) => report.attempt === 2 && report.seq === 2) && seen;
    }, { detail });

    expectGapFree(complete);
    expectEachReportFoldedOnce(complete);
    expectDeliveredOnce(complete, ['c1', 'c2']);
    expect(foldedReports(complete, c1).map(({ type, attempt, seq, reason }) => [type, attempt, seq, reason])).toEqual([
      ['TaskStarted', 1, 0, undefined],
      ['TaskProgressed', 1, 1, undefined],
      ['TaskSucceeded', 1, 2, undefined],
      ['ReportDiscarded', 2, 0, 'task_finished'],
      ['ReportDiscarded', 2, 1, 'task_finished'],
      ['ReportDiscarded', 2, 2, 'task_finished'],
    ]);
    expect(foldedReports(complete, c2).filter((report) => report.type === 'TaskSucceeded')).toEqual([{ type: 'TaskSucceeded', taskId: c2, attempt: 2, seq: 2 }]);
    const outputs = outputsOf(await gateway.client.getSession(conversation.sessionId));
    expect(outputs.get('c1_finished')).toEqual({ output: `c1 finished by attempt 1 on pid ${crashing.pid}`, isError: false });
    expect(outputs.get('c2_finished')).toEqual({ output: `c2 finished by attempt 2 on pid ${restarted.pid}`, isError: false });
    expectStory(complete, [
      { type: 'TaskRequested', where: (data) => data['taskId'] === c1 },
      { type: 'TaskStarted', where: (data) => data['taskId'] === c1 },
      { type: 'TaskSucceeded', where: (data) => data['taskId'] === c1 },
      { type: 'ReplyDeliveryStarted', where: (data) => (data['callIds'] as string[]).includes('c1_finished') },
      { type: 'ReplyGenerated' },
    ]);
  });
});
