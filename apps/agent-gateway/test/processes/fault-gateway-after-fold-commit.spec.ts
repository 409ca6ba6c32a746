import { describe, expect, it } from '@jest/globals';
import { callTools, foldedReports, gatewayWriters, startConversation, untilDelivered, untilRunning, type Conversation } from '@aside/testing-deployment';
import { expectDeliveredOnce, expectEachReportFoldedOnce, expectGapFree, expectStory } from './support/audit-log.js';
import { useProcessDeployment } from './support/use-process-deployment.js';

/**
 * Fault point `gateway.after-fold-commit`: the gateway dies after a report's fold committed but
 * before it acknowledged the inbox entry — so the entry is still pending, in the dead
 * gateway's name, and the next owner folds it again.
 */
describe('a gateway process killed between a fold commit and its inbox ack', () => {
  const deployment = useProcessDeployment('proc-fault-fold');
  const detail = () => deployment.describe();

  it('the restarted gateway adopts the pending entry; the second fold is a no-op, every later report is folded once and every result delivered once', async () => {
    const [crashing] = await Promise.all([deployment.gateway('gw-a', { faultPoint: 'gateway.after-fold-commit' }), deployment.runner('runner-1')]);
    await crashing.acquired();
    // The first fold this gateway commits is its last: the first task's `started` report.
    const sessionId = await crashing.client.createSession();
    const callIds = ['c1', 'c2'];
    await crashing.client.submitTurn(sessionId, callTools(callIds.map((callId) => ({ callId, name: 'await_release', arguments: { label: callId } }))));
    expect(await crashing.process.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(crashing.process.lines).toContain(`fault point gateway.after-fold-commit reached: killing process ${crashing.pid}`);

    const restarted = await deployment.gateway('gw-b');
    expect(await restarted.acquired()).toEqual({ partition: 0, epoch: 2 });
    // What the dead gateway left unacknowledged is claimed at once, not after an idle timeout.
    const reclaimed = await restarted.process.waitForLine(/"msg":"Reclaimed idle inbox entries"/);
    expect(JSON.parse(reclaimed.input)).toMatchObject({ count: expect.any(Number) });

    const tasks = (await restarted.client.getSession(sessionId)).tasks.map(({ callId, taskId }) => ({ callId, taskId }));
    const conversation: Conversation = { sessionId, tasks };
    expect(tasks.map((task) => task.callId)).toEqual(callIds);
    await untilRunning(restarted.client, conversation, 1, detail);
    await deployment.release(tasks.map((task) => task.taskId));
    const log = await untilDelivered(restarted.client, conversation, detail);

    expectGapFree(log);
    expectEachReportFoldedOnce(log);
    expectDeliveredOnce(log, callIds);
    for (const { taskId } of tasks) {
      expect(foldedReports(log, taskId).map(({ type, attempt, seq }) => [type, attempt, seq])).toEqual([
        ['TaskStarted', 1, 0],
        ['TaskProgressed', 1, 1],
        ['TaskSucceeded', 1, 2],
      ]);
    }
    // The first fold is the dead gateway's last write; everything after is the new owner's.
    const [firstFold] = expectStory(log, [{ type: 'TaskStarted' }]);
    expect(log.filter((event) => event.position > firstFold! && crashing.isActor(event.actor))).toEqual([]);
    expect(gatewayWriters(log, [crashing, restarted])).toEqual(['gw-a', 'gw-b']);
  });
});
