import { afterEach, beforeEach, jest } from '@jest/globals';
import { deleteKeysMatching, startTestRedis, testKeyPrefix, type TestRedis } from '@aside/testing';
import { Redis } from 'ioredis';
import { FixtureKeys } from '../fixtures/fixture-keys.js';
import { DistributedGateway } from './distributed-gateway.js';
import { RunnerFleet } from './runner-fleet.js';
import { ToolJobs } from './tool-jobs.js';

/** Booting two runners takes a second or two; a stall recovery or a grace period a few more. */
const PROCESS_TEST_TIMEOUT_MS = 30_000;

export interface RunnerProcessesContext {
  readonly prefix: string;
  /** For the fixture keys (and nothing else: the gateway and runners have their own connections). */
  readonly redis: Redis;
  readonly keys: FixtureKeys;
  /** Runner processes are started by each test (`fleet.start(n)`), so it decides how many and when. */
  readonly fleet: RunnerFleet;
  readonly gateway: DistributedGateway;
  /** BullMQ's view of the tool jobs: their states, and raw jobs the gateway would never send. */
  readonly jobs: ToolJobs;
}

/**
 * Each test of the file gets a fresh prefix on the test Redis, a gateway in this process and a
 * fleet for its runner processes; afterwards every runner is killed (whatever state it is in),
 * the gateway closed and the prefix's keys deleted.
 */
export function useRunnerProcesses(label: string): RunnerProcessesContext {
  jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);
  // Filled in by beforeEach, so the test functions can hold on to it from the start.
  const context = {} as { -readonly [K in keyof RunnerProcessesContext]: RunnerProcessesContext[K] };
  let redisServer: TestRedis | undefined;

  beforeEach(async () => {
    redisServer = await startTestRedis(() => undefined);
    const prefix = testKeyPrefix(label);
    Object.assign(context, {
      prefix,
      redis: new Redis(redisServer.url),
      keys: new FixtureKeys(prefix),
      fleet: new RunnerFleet({ REDIS_URL: redisServer.url, ASIDE_PREFIX: prefix }),
      jobs: new ToolJobs(redisServer.url, prefix),
    });
    context.gateway = await DistributedGateway.start(redisServer.url, prefix);
  });

  afterEach(async () => {
    await context.fleet?.stopAll();
    await context.gateway?.close();
    await context.jobs?.close();
    if (context.redis) {
      await deleteKeysMatching(context.redis, `${context.prefix}:*`);
      await context.redis.quit();
    }
    await redisServer?.stop();
    for (const key of Object.keys(context)) delete context[key as keyof RunnerProcessesContext];
  });

  return context;
}
