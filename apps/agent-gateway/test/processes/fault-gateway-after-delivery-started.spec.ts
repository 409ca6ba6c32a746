import { describe, expect, it } from '@jest/globals';
import { gatewayWriters, startConversation, untilDelivered, untilRunning } from '@aside/testing-deployment';
import { expectDeliveredOnce, expectEachReportFoldedOnce, expectGapFree, expectStory } from './support/audit-log.js';
import { useProcessDeployment } from './support/use-process-deployment.js';

/**
 * Fault point `gateway.after-delivery-started`: the gateway dies right after committing
 * `ReplyDeliveryStarted` (the batch is taken), before asking the model for the reply — so the
 * log holds a delivery nobody is generating.
 */
describe('a gateway process killed right after a delivery started', () => {
  const deployment = useProcessDeployment('proc-fault-delivery');
  const detail = () => deployment.describe();

  it('the restarted gateway generates and speaks that same delivery, once', async () => {
    const [crashing] = await Promise.all([deployment.gateway('gw-a', { faultPoint: 'gateway.after-delivery-started' }), deployment.runner('runner-1')]);
    await crashing.acquired();
    const conversation = await startConversation(crashing.client, ['c1'], detail);
    await untilRunning(crashing.client, conversation, 1, detail);

    await deployment.release(conversation.tasks.map((task) => task.taskId));
    expect(await crashing.process.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crashing.process.lines).toContain(`fault point gateway.after-delivery-started reached: killing process ${crashing.pid}`);
    const restarted = await deployment.gateway('gw-b');
    expect(await restarted.acquired()).toEqual({ partition: 0, epoch: 2 });

    const log = await untilDelivered(restarted.client, conversation, detail);
    expectGapFree(log);
    expectEachReportFoldedOnce(log);
    const [delivery] = expectDeliveredOnce(log, ['c1']);
    // The dead gateway never asked the model for it; the new owner did, once, under the same id.
    expect(deployment.llm.requestsOf('gw-a', 'deferred_reply')).toEqual([]);
    expect(deployment.llm.requestsOf('gw-b', 'deferred_reply')).toHaveLength(1);
    expect(delivery).toMatchObject({ callIds: ['c1_finished'], replies: ['[gw-b] by the way: c1_finished'], spoken: ['[gw-b] by the way: c1_finished'] });
    const byId = (data: Record<string, unknown>) => data['deliveryId'] === delivery!.deliveryId;
    const [started, generated] = expectStory(log, [
      { type: 'TaskSucceeded' },
      { type: 'ReplyDeliveryStarted', where: byId },
      { type: 'ReplyGenerated', where: byId },
      { type: 'SpeechQueued', where: byId },
      { type: 'SpeechStarted' },
      { type: 'SpeechFinished' },
    ]).slice(1);
    // Between the delivery's start (the dead gateway's last commit) and its reply, nothing else happened.
    expect(generated).toBe(started! + 1);
    expect(gatewayWriters(log, [crashing, restarted])).toEqual(['gw-a', 'gw-b']);
  });
});
