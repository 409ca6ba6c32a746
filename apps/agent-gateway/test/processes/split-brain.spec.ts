import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@aside/events/store';
import { eventually } from '@aside/testing';
import { duplicates, gatewayWriters, startConversation, untilDelivered, untilRunning } from '@aside/testing-deployment';
import { expectDeliveredOnce, expectEachReportFoldedOnce, expectGapFree } from './support/audit-log.js';
import { useProcessDeployment } from './support/use-process-deployment.js';

const userTurns = (log: readonly StoredEvent[]) => log.filter((event) => event.type === 'ChatItemAdded' && (event.data as { item: { role?: string } }).item.role === 'user');
const spoken = (log: readonly StoredEvent[]) => log.flatMap((event) => (event.type === 'SpeechQueued' ? [(event.data as { text: string }).text] : []));

/**
 * Two live gateway processes, one partition. The owner is frozen (SIGSTOP) past its lease with
 * a reaction in flight (a model answer it is waiting for) and a task result on its way; the
 * other takes the partition over and serves the session. Woken up (SIGCONT), the old owner
 * gets its model answer — and may not write it: it steps down and redirects.
 */
describe('split brain: the owner is paused past its lease', () => {
  const deployment = useProcessDeployment('proc-split-brain');
  const detail = () => deployment.describe();

  it('the other gateway takes over and serves; the resumed old owner writes nothing, steps down and redirects to the new one', async () => {
    const [owner] = await Promise.all([deployment.gateway('gw-a'), deployment.runner('runner-1')]);
    expect(await owner.acquired()).toEqual({ partition: 0, epoch: 1 });
    const standby = await deployment.gateway('gw-b');
    const conversation = await startConversation(owner.client, ['c1'], detail);
    const { sessionId } = conversation;
    await untilRunning(owner.client, conversation, 1, detail);

    // A reaction in flight on the owner: the user's second turn, its model answer held back.
    deployment.llm.hold('gw-a');
    await owner.client.submitTurn(sessionId, 'how is it going?');
    await eventually('the owner waiting for its model answer', () => deployment.llm.heldCount('gw-a') === 1, { detail });

    owner.process.pause();
    // The result reaches the inbox while the owner is frozen, before the takeover — so the new
    // owner adopts it at attach even if the frozen owner's blocking read took it (a report
    // arriving after the attach is the known bug of inbox-after-takeover.spec.ts).
    await deployment.release(conversation.tasks.map((task) => task.taskId));
    expect(await standby.acquired({ from: standby.process.lineCount })).toEqual({ partition: 0, epoch: 2 });

    // The new owner serves the session: it re-drove the second turn, folded and delivered the result …
    const served = await untilDelivered(standby.client, conversation, detail);
    expect(spoken(served)).toContain('[gw-b] noted');
    // … and takes new turns.
    await standby.client.submitTurn(sessionId, 'anything else?');

    const resumedFrom = owner.process.lineCount;
    owner.process.resume();
    // The old owner now has its model answer and tries to commit it. Its lease's own validity
    // (TTL from the start of its last renewal) has run out, so it refuses itself before the
    // store's epoch check would; either way nothing of it may land.
    deployment.llm.release('gw-a');
    const lost = await owner.lost({ from: resumedFrom });
    expect(lost.why).toMatch(/^(taken over by .+|fenced by a newer owner)$/);
    await eventually('the old owner’s held request answered', () => deployment.llm.requestsOf('gw-a').every((request) => request.answered), { detail });
    for (const [method, path, body] of [
      ['GET', `/v1/sessions/${sessionId}`, undefined],
      ['POST', `/v1/sessions/${sessionId}/turns`, { text: 'still there?' }],
    ] as const) {
      const answer = await owner.client.request(method, path, body);
      expect({ status: answer.status, location: answer.location }).toEqual({ status: 307, location: `${standby.url}${path}` });
    }

    const log = await eventually(
      'the third turn answered by the new owner',
      async () => {
        const seen = await standby.client.auditLog(sessionId);
        const third = userTurns(seen)[2];
        const answered = third && seen.some((event) => event.position > third.position && event.type === 'SpeechFinished');
        return answered && (await standby.client.getSession(sessionId)).activities.every((activity) => activity.idle) && seen;
      },
      { detail },
    );
    expectGapFree(log);
    expectEachReportFoldedOnce(log);
    expectDeliveredOnce(log, ['c1']);
    expect(userTurns(log)).toHaveLength(3); // the refused 'still there?' is nowhere
    // Nothing written twice, nothing of the old owner's after the takeover: its held answer
    // ('[gw-a] noted' for the second turn) was refused; the first turn's is its only one.
    const completions = log.filter((event) => event.type === 'GenerationCompleted').map((event) => (event.data as { generationId: string }).generationId);
    expect(duplicates(completions)).toEqual([]);
    expect(spoken(log).filter((text) => text.startsWith('[gw-a]'))).toEqual(['[gw-a] noted']);
    expect(gatewayWriters(log, [owner, standby])).toEqual(['gw-a', 'gw-b']);
  });
});
