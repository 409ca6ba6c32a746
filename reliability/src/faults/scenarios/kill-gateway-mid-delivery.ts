import { eventually } from '@aside/testing';
import { playing } from '../deployment/client-playout.js';
import type { FaultDeployment } from '../deployment/fault-deployment.js';
import { startRound, taskIdsOf, untilDelivered, type Round } from '../deployment/round.js';
import { readSessionLog } from '../checker/read-session-log.js';
import { both, faultDelay, type Random } from '../fault-timing.js';
import type { FaultScenario } from './fault-scenario.js';

/**
 * kill -9 the owning gateway in the middle of a deferred reply, in a session whose front end
 * reports playout (as a voice client does), at one of three moments taking turns: the delivery
 * started (`ReplyDeliveryStarted` committed) and the model still holds the reply request; 0–15 ms
 * after the model answered (the reply being recorded and queued as speech); the reply recorded
 * and playing, its playout not reported yet. The standby takes over and finishes that same
 * delivery — asking the model again, or keeping the recorded text and waiting for the playout —
 * and it is spoken once.
 */
export const killGatewayMidDelivery: FaultScenario = {
  name: 'kill-gateway-mid-delivery',
  injects: 'kill -9 of the owning gateway with a deferred reply in flight: before the model answers, 0–15 ms after it did, or while the reply plays',
  async run({ index, deployment, random, track, note }) {
    const owner = await deployment.owner();
    const round = await startRound(deployment, `kd${index}`, 2, 'client');
    track(round);
    const moment = [beforeTheAnswer, afterTheAnswer, whilePlaying][index % 3]!;
    const when = await moment(deployment, round, owner.name, random);
    await deployment.kill(owner.process);
    deployment.llm.release(owner.name); // whatever it still held: the process is gone, the answers go nowhere
    deployment.playout.resume();
    note(`killed owner ${owner.name} ${when}`);
    await both(deployment.spawnGateway(), untilDelivered(deployment, round));
  },
};

type Moment = (deployment: FaultDeployment, round: Round, owner: string, random: Random) => Promise<string>;

const beforeTheAnswer: Moment = async (deployment, round, owner) => {
  await untilReplyRequested(deployment, round, owner);
  return 'while the model held its reply';
};

const afterTheAnswer: Moment = async (deployment, round, owner, random) => {
  await untilReplyRequested(deployment, round, owner);
  const delayMs = random.upTo(15);
  deployment.llm.release(owner);
  await faultDelay(delayMs);
  return `${delayMs} ms after the model answered`;
};

const whilePlaying: Moment = async (deployment, round) => {
  deployment.playout.hold();
  await deployment.release(taskIdsOf(round));
  await eventually(
    `a deferred reply of ${round.sessionId} playing`,
    async () => {
      const events = (await readSessionLog(deployment.store, round.sessionId)).events;
      const replies = new Set(events.flatMap((event) => (event.type === 'SpeechQueued' && (event.data as { deliveryId: string | null }).deliveryId !== null ? [(event.data as { speechId: string }).speechId] : [])));
      return playing(events).some((speechId) => replies.has(speechId));
    },
    { timeoutMs: 15_000, detail: () => deployment.describe() },
  );
  return 'while its reply played';
};

/** Holds the owner's model requests, releases the tasks, and waits until the owner asks for the deferred reply. */
async function untilReplyRequested(deployment: FaultDeployment, round: Round, owner: string): Promise<void> {
  deployment.llm.hold(owner);
  await deployment.release(taskIdsOf(round));
  await eventually(`${owner} asking the model for a deferred reply`, () => deployment.llm.heldCount(owner) > 0, { timeoutMs: 15_000, detail: () => deployment.describe() });
}
