import { describe, it } from '@jest/globals';
import { AsideKeys, INBOX_GROUP } from '@aside/bullmq';
import { eventually } from '@aside/testing';
import { startConversation, untilRunning } from '@aside/testing-deployment';
import { useProcessDeployment } from './support/use-process-deployment.js';

/** The shortest lease the settings accept: a former owner's 1 s blocking inbox read then always outlives it. */
const SHORT_LEASE_MS = 500;

/**
 * A paused owner's blocking XREADGROUP stays registered in Redis for its whole BLOCK (1 s): a
 * report that reaches the inbox after the new owner attached but before that read expires is
 * handed to the *old* consumer, which cannot fold it (not the owner) and never acknowledges it.
 * The owner of a partition claims entries pending on any other consumer of its group whatever
 * their idle time (every other consumer is a former owner), so the result still arrives within
 * seconds, not after the 30 s reclaim idle time.
 */
describe('a report reaching the inbox just after a takeover, while the old owner is paused', () => {
  const deployment = useProcessDeployment('proc-inbox-takeover');
  const detail = () => deployment.describe();

  it('is folded by the new owner within seconds', async () => {
    const inbox = new AsideKeys(deployment.prefix).inbox(0);
    const [owner] = await Promise.all([deployment.gateway('gw-a', { leaseTtlMs: SHORT_LEASE_MS }), deployment.runner('runner-1')]);
    await owner.acquired();
    const standby = await deployment.gateway('gw-b', { leaseTtlMs: SHORT_LEASE_MS });
    const conversation = await startConversation(owner.client, ['c1', 'c2'], detail);
    await untilRunning(owner.client, conversation, 1, detail);
    const [c1, c2] = conversation.tasks.map((task) => task.taskId) as [string, string];

    // c2's result makes the owner's inbox read return; it blocks again at once, for 1 s: pause it then.
    await deployment.release([c2]);
    await eventually('c2 folded by the owner', async () => (await owner.client.getSession(conversation.sessionId)).tasks[1]!.status === 'succeeded', { detail });
    await eventually('the owner blocked in its inbox read (the standby reads no inbox yet)', async () =>
      String(await deployment.redis.client('LIST')).split('\n').some((client) => /flags=\S*b/.test(client) && /cmd=xreadgroup/.test(client)),
    );
    owner.process.pause();
    await standby.acquired({ from: standby.process.lineCount });
    await eventually('the standby attached to the inbox', async () => {
      const consumers = (await deployment.redis.xinfo('CONSUMERS', inbox, INBOX_GROUP)) as unknown[][];
      return consumers.some((consumer) => String(consumer[1]).includes(`-${standby.pid}-`));
    });

    await deployment.release([c1]);
    await eventually('c1’s result folded by the new owner', async () => (await standby.client.getSession(conversation.sessionId)).tasks[0]!.status === 'succeeded', {
      timeoutMs: 5_000,
      detail: async () => `pending inbox entries (id, consumer, idle ms, deliveries): ${JSON.stringify(await deployment.redis.xpending(inbox, INBOX_GROUP, '-', '+', 10))}; the paused owner is pid ${owner.pid}`,
    });
  });
});
