import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '@aside/events/store';
import { eventually } from '@aside/testing';
import { duplicates, gatewayWriters, startConversation, untilRunning } from '@aside/testing-deployment';
import { expectGapFree } from './support/audit-log.js';
import { useProcessDeployment } from './support/use-process-deployment.js';

const userTexts = (log: readonly StoredEvent[]) =>
  log.flatMap((event) => {
    const item = (event.data as { item?: { role?: string; text?: string } }).item;
    return event.type === 'ChatItemAdded' && item?.role === 'user' ? [item.text] : [];
  });

/**
 * Split brain in the one window a gateway's own lease check cannot close: the owner froze
 * (SIGSTOP, by the `gateway.paused-before-append` fault point) after checking that it owns the
 * partition and before its append reached Redis. The other gateway takes the partition over
 * with a higher epoch and fences the session; woken up, the old owner sends its append with the
 * old epoch — and the store refuses it. The old owner steps down; nothing of it lands.
 */
describe('split brain: a commit already past its ownership check when the owner froze', () => {
  const deployment = useProcessDeployment('proc-split-fence');
  const detail = () => deployment.describe();

  it('is refused by the store\'s fencing epoch; the old owner steps down and redirects; nothing is written twice', async () => {
    const [owner] = await Promise.all([deployment.gateway('gw-a', { faultPoint: 'gateway.paused-before-append' }), deployment.runner('runner-1')]);
    expect(await owner.acquired()).toEqual({ partition: 0, epoch: 1 });
    const standby = await deployment.gateway('gw-b');
    const conversation = await startConversation(owner.client, ['c1'], detail);
    const { sessionId } = conversation;
    await untilRunning(owner.client, conversation, 1, detail); // the body now waits for the test: no report is on its way
    await eventually('the session idle', async () => (await owner.client.getSession(sessionId)).activities.every((activity) => activity.idle), { detail });

    const armedFrom = owner.process.lineCount;
    owner.process.signal('SIGWINCH');
    await owner.process.waitForLine(/paused-before-append armed/, { from: armedFrom });
    const frozenTurn = owner.client.request('POST', `/v1/sessions/${sessionId}/turns`, { text: 'frozen mid-commit' });
    await owner.process.waitForLine(/paused-before-append reached/, { from: armedFrom });

    expect(await standby.acquired({ from: standby.process.lineCount })).toEqual({ partition: 0, epoch: 2 });
    await standby.client.getSession(sessionId); // served by the new owner (it fenced the session at takeover)

    const resumedFrom = owner.process.lineCount;
    owner.process.resume();
    const answer = await frozenTurn;
    expect({ status: answer.status, location: answer.location }).toEqual({ status: 307, location: `${standby.url}/v1/sessions/${sessionId}/turns` });
    // Refused by the store (the commit carried epoch 1, the session's fence is at 2), not by the lease check.
    expect(answer.body).toMatchObject({ error: { code: 'NOT_OWNER', details: { reason: 'fenced', owner: expect.any(String) } } });
    await owner.lost({ from: resumedFrom });

    await standby.client.submitTurn(sessionId, 'after the takeover');
    const log = await eventually(
      'the new owner answered the turn',
      async () => {
        const seen = await standby.client.auditLog(sessionId);
        return userTexts(seen).includes('after the takeover') && seen.at(-1)?.type === 'SpeechFinished' && seen;
      },
      { detail },
    );
    expectGapFree(log);
    expect(userTexts(log)).not.toContain('frozen mid-commit');
    expect(duplicates(log.map((event) => event.id))).toEqual([]);
    expect(gatewayWriters(log, [owner, standby])).toEqual(['gw-a', 'gw-b']); // nothing of the old owner after the new one's first write
  });
});
