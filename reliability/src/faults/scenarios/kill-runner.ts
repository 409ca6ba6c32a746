import { both, faultDelay } from '../fault-timing.js';
import { startRound, taskIdsOf, untilDelivered } from '../deployment/round.js';
import type { FaultScenario } from './fault-scenario.js';

/**
 * kill -9 the runner running the round's tasks (the busier of the two), either while the bodies
 * wait or just after they were released (then the kill lands somewhere between a body returning,
 * its terminal report and BullMQ completing the job). Its locks lapse, the other runner's stall
 * check re-queues the jobs, a new attempt runs them; a fresh runner replaces the victim.
 */
export const killRunner: FaultScenario = {
  name: 'kill-runner',
  injects: 'kill -9 of the runner running the tasks, while they run or 0–20 ms after their release',
  async run({ index, deployment, random, track, note }) {
    const round = await startRound(deployment, `kr${index}`, 2);
    track(round);
    const tasksOn = (pid: number) => [...round.runnerPids.values()].filter((running) => running === pid).length;
    const victim = [...deployment.runners].sort((a, b) => tasksOn(b.pid) - tasksOn(a.pid))[0]!;
    const afterRelease = index % 2 === 1; // the two variants take turns, so any two iterations cover both
    const delayMs = random.upTo(20);
    if (afterRelease) {
      await deployment.release(taskIdsOf(round));
      await faultDelay(delayMs);
    }
    await deployment.kill(victim);
    note(`killed ${victim.name} (${tasksOn(victim.pid)} task(s)) ${afterRelease ? `${delayMs} ms after the release` : 'while its tasks ran'}`);
    if (!afterRelease) await deployment.release(taskIdsOf(round));
    await both(deployment.spawnRunner(), untilDelivered(deployment, round));
  },
};
