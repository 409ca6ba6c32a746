import { both, faultDelay } from '../fault-timing.js';
import { startRound, taskIdsOf, untilDelivered } from '../deployment/round.js';
import type { FaultScenario } from './fault-scenario.js';

/**
 * kill -9 the gateway owning the session while its tasks run — before their release, or 0–30 ms
 * after it (results then reach the inbox around the crash). The standby takes the partition over
 * when the one-second lease lapses, resumes the session and folds and delivers the results; a
 * fresh gateway becomes the new standby.
 */
export const killGatewayMidTask: FaultScenario = {
  name: 'kill-gateway-mid-task',
  injects: 'kill -9 of the owning gateway while the tasks run, or 0–30 ms after their release',
  async run({ index, deployment, random, track, note }) {
    const owner = await deployment.owner();
    const round = await startRound(deployment, `kt${index}`, 2);
    track(round);
    const afterRelease = index % 2 === 1; // the two variants take turns, so any two iterations cover both
    const delayMs = random.upTo(30);
    if (afterRelease) {
      await deployment.release(taskIdsOf(round));
      await faultDelay(delayMs);
    }
    await deployment.kill(owner.process);
    note(`killed owner ${owner.name} ${afterRelease ? `${delayMs} ms after the release` : 'while the tasks ran'}`);
    if (!afterRelease) await deployment.release(taskIdsOf(round));
    await both(deployment.spawnGateway(), untilDelivered(deployment, round));
  },
};
