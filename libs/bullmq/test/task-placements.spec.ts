import { afterEach, describe, expect, it } from '@jest/globals';
import { jobFor, testTool } from '@aside/engine/task-queue-contract';
import { RedisTaskPlacements } from '../src/index.js';
import { Distributed } from './support/distributed.js';

describe('task placements in Redis', () => {
  let world: Distributed;
  afterEach(() => world.close());

  it('keeps the first place decided for a task, for every gateway that asks later', async () => {
    world = new Distributed();
    const first = new RedisTaskPlacements(world.redis, world.keys);
    const successor = new RedisTaskPlacements(world.redis, world.keys);
    const job = jobFor(testTool('echo', () => 'ok'));

    expect(await first.settle(job, 'gateway')).toBe('gateway');
    expect(await successor.settle(job, 'runners')).toBe('gateway');
    expect(await successor.settle({ ...job, taskId: `${job.taskId}b` }, 'runners')).toBe('runners');
    expect(await world.redis.ttl(world.keys.taskPlacement(0, job.taskId))).toBeGreaterThan(0);
  });
});
