import { describe, expect, it } from '@jest/globals';
import { foldedReports, gatewayWriters, outputsOf, startConversation, untilDelivered, untilRunning } from '@aside/testing-deployment';
import { expectDeliveredOnce, expectEachReportFoldedOnce, expectGapFree, expectStory } from './support/audit-log.js';
import { useProcessDeployment } from './support/use-process-deployment.js';

/** SEMANTICS §11 scenario 20, with real processes: a gateway, a runner, and the gateway that replaces the first. */
describe('scenario 20: kill -9 the gateway while a task runs', () => {
  const deployment = useProcessDeployment('proc-gateway-crash');
  const detail = () => deployment.describe();

  it('a new gateway process takes the partition over, resumes the session and delivers the result once; the audit log tells it in order', async () => {
    const [first, runner] = await Promise.all([deployment.gateway('gw-a'), deployment.runner('runner-1')]);
    expect(await first.acquired()).toEqual({ partition: 0, epoch: 1 });
    const conversation = await startConversation(first.client, ['c1'], detail);
    await untilRunning(first.client, conversation, 1, detail);

    expect(await first.process.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    // Released while no gateway lives: the runner's result waits in the partition's inbox.
    await deployment.release(conversation.tasks.map((task) => task.taskId));
    const second = await deployment.gateway('gw-b');
    expect(await second.acquired()).toEqual({ partition: 0, epoch: 2 });

    const log = await untilDelivered(second.client, conversation, detail);
    expectGapFree(log);
    expectEachReportFoldedOnce(log);
    const [delivery] = expectDeliveredOnce(log, ['c1']);
    expect(delivery).toMatchObject({ callIds: ['c1_finished'], replies: ['[gw-b] by the way: c1_finished'] });
    const { taskId } = conversation.tasks[0]!;
    expect(foldedReports(log, taskId).map(({ type, attempt, seq }) => ({ type, attempt, seq }))).toEqual([
      { type: 'TaskStarted', attempt: 1, seq: 0 },
      { type: 'TaskProgressed', attempt: 1, seq: 1 },
      { type: 'TaskSucceeded', attempt: 1, seq: 2 },
    ]);
    expect(outputsOf(await second.client.getSession(conversation.sessionId)).get('c1_finished')).toEqual({ output: `c1 finished by attempt 1 on pid ${runner.pid}`, isError: false });

    // The whole story, in order: asked, dispatched, running, acknowledged (all by the first
    // gateway) — then, after the crash, the result folded and delivered by the second.
    const isTask = (data: Record<string, unknown>) => data['taskId'] === taskId;
    expectStory(log, [
      { type: 'SessionStarted' },
      { type: 'ChatItemAdded', where: (data) => (data['item'] as { role?: string }).role === 'user' },
      { type: 'ToolCallDispatched' },
      { type: 'TaskRequested', where: isTask },
      { type: 'TaskStarted', where: isTask },
      { type: 'TaskProgressed', where: isTask },
      { type: 'SpeechQueued', where: (data) => data['text'] === '[gw-a] noted' },
      { type: 'SpeechFinished' },
      { type: 'TaskSucceeded', where: isTask },
      { type: 'ReplyDeliveryStarted', where: (data) => data['deliveryId'] === delivery!.deliveryId },
      { type: 'ReplyGenerated', where: (data) => data['deliveryId'] === delivery!.deliveryId },
      { type: 'SpeechQueued', where: (data) => data['deliveryId'] === delivery!.deliveryId },
      { type: 'SpeechFinished' },
    ]);
    expect(gatewayWriters(log, [first, second])).toEqual(['gw-a', 'gw-b']);
  });
});
