import { describe, expect, it } from '@jest/globals';
import { eventually } from '@aside/testing';
import { foldedReports, outputsOf, runningOn, startConversation, untilDelivered, untilRunning, type Conversation } from '@aside/testing-deployment';
import { expectDeliveredOnce, expectEachReportFoldedOnce, expectGapFree } from './support/audit-log.js';
import { useProcessDeployment } from './support/use-process-deployment.js';

const SESSIONS = 5;
const TASKS_PER_SESSION = 4;

/** SEMANTICS §11 scenario 19, with real processes: one gateway, two runners. */
describe('scenario 19: two runner processes, 20 concurrent async tasks across 5 sessions', () => {
  const deployment = useProcessDeployment('proc-runner-crash');
  const detail = () => deployment.describe();

  it('kill -9 a runner mid-task: its tasks complete on the other; every result is folded once and delivered once, to its own session', async () => {
    const [gateway, ...runners] = await Promise.all([deployment.gateway('gw-1'), deployment.runner('runner-1'), deployment.runner('runner-2')]);
    await gateway.acquired();
    // Call ids name their session, so a result delivered to the wrong one would show.
    const conversations = await Promise.all(
      Array.from({ length: SESSIONS }, (_, s) => startConversation(gateway.client, Array.from({ length: TASKS_PER_SESSION }, (__, t) => `s${s + 1}c${t + 1}`), detail)),
    );
    const firstPids = new Map<string, number>();
    for (const conversation of conversations) for (const [callId, pid] of await untilRunning(gateway.client, conversation, 1, detail)) firstPids.set(callId, pid);

    // The runner running the most bodies dies (the other may have none: BullMQ does not balance).
    const count = (pid: number) => [...firstPids.values()].filter((running) => running === pid).length;
    const [victim, survivor] = [...runners].sort((a, b) => count(b.pid) - count(a.pid)) as [(typeof runners)[number], (typeof runners)[number]];
    const orphaned = [...firstPids].filter(([, pid]) => pid === victim.pid).map(([callId]) => callId);
    expect(orphaned.length).toBeGreaterThan(0);
    expect(await victim.kill()).toEqual({ code: null, signal: 'SIGKILL' });

    // Its locks lapse; the survivor's stall check re-queues the jobs and runs them as attempt 2.
    await eventually(
      `the ${orphaned.length} orphaned task(s) running again on the survivor`,
      async () => {
        const tasks = (await Promise.all(conversations.map((conversation) => gateway.client.getSession(conversation.sessionId)))).flatMap((session) => session.tasks);
        return orphaned.every((callId) => {
          const where = runningOn(tasks.find((task) => task.callId === callId)!);
          return where?.attempt === 2 && where.pid === survivor.pid;
        });
      },
      { detail },
    );
    await deployment.release(conversations.flatMap((conversation) => conversation.tasks.map((task) => task.taskId)));

    for (const conversation of conversations) await expectEachResultOnce(conversation, orphaned);

    async function expectEachResultOnce(conversation: Conversation, rerun: readonly string[]): Promise<void> {
      const log = await untilDelivered(gateway.client, conversation, detail);
      expectGapFree(log);
      expectEachReportFoldedOnce(log);
      const callIds = conversation.tasks.map((task) => task.callId);
      const deliveries = expectDeliveredOnce(log, callIds);
      const activityId = (await gateway.client.getSession(conversation.sessionId)).activities[0]!.activityId;
      for (const delivery of deliveries) {
        expect(delivery.activityId).toBe(activityId);
        expect(delivery.callIds.every((callId) => callIds.some((own) => callId.startsWith(`${own}_`)))).toBe(true);
      }
      const outputs = outputsOf(await gateway.client.getSession(conversation.sessionId));
      for (const { callId, taskId } of conversation.tasks) {
        const attempt = rerun.includes(callId) ? 2 : 1;
        const pid = attempt === 2 ? survivor.pid : firstPids.get(callId);
        expect(outputs.get(`${callId}_finished`)).toEqual({ output: `${callId} finished by attempt ${attempt} on pid ${pid}`, isError: false });
        const terminal = foldedReports(log, taskId).filter((report) => report.type === 'TaskSucceeded');
        expect(terminal).toEqual([{ type: 'TaskSucceeded', taskId, attempt, seq: 2 }]);
      }
    }
  });
});
