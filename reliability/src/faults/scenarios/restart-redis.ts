import { eventually } from '@aside/testing';
import type { FaultDeployment } from '../deployment/fault-deployment.js';
import type { AppendFsync } from '../deployment/redis-host.js';
import { startRound, taskIdsOf, untilDelivered, type Round } from '../deployment/round.js';
import { both, faultDelay, type Random } from '../fault-timing.js';
import type { FaultScenario } from './fault-scenario.js';

/** Longer than the one-second lease, some of the time: then the partition may move when Redis is back. */
const MAX_DOWNTIME_MS = 1_500;

/**
 * Stops the soak's Redis under the running deployment and starts it again on the same port and
 * directory after 0–1.5 s. Three moments, taking turns: while the round's tasks run (released
 * once Redis is back); 0–40 ms after their release (reports, folds and the reply in flight); in
 * the middle of the deferred reply — its delivery started, the model's answer held back and let
 * go while Redis is down, so the reply is recorded into a Redis that is not there. Gateways and
 * runners reconnect; leases lapse and may move; every result must still arrive, once.
 */
function restartRedis(options: {
  readonly name: string;
  /** Starts the rounds' call ids. */
  readonly label: string;
  readonly injects: string;
  readonly appendFsync: AppendFsync;
  readonly stop: (deployment: FaultDeployment) => Promise<void>;
}): FaultScenario {
  return {
    name: options.name,
    injects: options.injects,
    async prepare(deployment) {
      await deployment.redis.setAppendFsync(options.appendFsync);
    },
    async run({ index, deployment, random, track, note }) {
      const round = await startRound(deployment, `${options.label}${index}`, 2);
      track(round);
      const downtimeMs = random.upTo(MAX_DOWNTIME_MS);
      const outage = async (): Promise<void> => {
        await options.stop(deployment);
        await faultDelay(downtimeMs);
        await deployment.redis.restart();
      };
      const moment = [whileRunning, afterRelease, midDelivery][index % 3]!;
      note(`Redis down ${downtimeMs} ms ${await moment(deployment, round, random, outage)}`);
      await untilDelivered(deployment, round);
    },
  };
}

type Moment = (deployment: FaultDeployment, round: Round, random: Random, outage: () => Promise<void>) => Promise<string>;

const whileRunning: Moment = async (deployment, round, _random, outage) => {
  await outage();
  await deployment.release(taskIdsOf(round));
  return 'while the tasks ran';
};

const afterRelease: Moment = async (deployment, round, random, outage) => {
  const delayMs = random.upTo(40);
  await deployment.release(taskIdsOf(round));
  await faultDelay(delayMs);
  await outage();
  return `from ${delayMs} ms after the release`;
};

const midDelivery: Moment = async (deployment, round, random, outage) => {
  const owner = await deployment.owner();
  deployment.llm.hold(owner.name);
  await deployment.release(taskIdsOf(round));
  await eventually(`${owner.name} asking the model for a deferred reply`, () => deployment.llm.heldCount(owner.name) > 0, { timeoutMs: 15_000, detail: () => deployment.describe() });
  const answerAfterMs = random.upTo(50);
  // The model answers while Redis is down: the reply is recorded into a Redis that is not there.
  await both(outage(), faultDelay(answerAfterMs).then(() => deployment.llm.release(owner.name)));
  return `with a reply in flight on ${owner.name}, the model answering ${answerAfterMs} ms into the outage`;
};

export const redisShutdown = restartRedis({
  name: 'redis-shutdown',
  label: 'rs',
  injects: 'SHUTDOWN of Redis (AOF, appendfsync everysec), restarted 0–1.5 s later: while the tasks run, 0–40 ms after their release, or with a deferred reply in flight',
  appendFsync: 'everysec',
  stop: (deployment) => deployment.redis.shutDown(),
});

export const redisKill = restartRedis({
  name: 'redis-kill',
  label: 'rk',
  injects: 'kill -9 of Redis (AOF, appendfsync always), restarted 0–1.5 s later: while the tasks run, 0–40 ms after their release, or with a deferred reply in flight',
  appendFsync: 'always',
  stop: (deployment) => deployment.redis.crash(),
});
