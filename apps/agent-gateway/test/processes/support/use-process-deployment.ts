import { afterEach, beforeEach, jest } from '@jest/globals';
import type { FaultPoint, SessionProjection } from '@aside/engine';
import { deleteKeysMatching, ProcessRoster, testKeyPrefix, type SpawnedProcess } from '@aside/testing';
import { FakeOpenAi, GatewayProcess, releaseKey, startRunner, type SessionView } from '@aside/testing-deployment';
import { Redis } from 'ioredis';

/**
 * The harness reads sessions as @aside/testing's `SessionView` (that library may not import the
 * engine): this fails to compile the day the engine's projection stops fitting it.
 */
export type ProjectionFitsSessionView = SessionProjection extends SessionView ? true : never;
const projectionFitsSessionView: ProjectionFitsSessionView = true;
void projectionFitsSessionView;

/** Booting a process from sources takes a second or two; a lease expiry or a stall recovery another one or two. */
const PROCESS_TEST_TIMEOUT_MS = 40_000;

export interface ProcessDeployment {
  readonly prefix: string;
  readonly redisUrl: string;
  /** The model every gateway of the test talks to. */
  readonly llm: FakeOpenAi;
  /** Every process of the test, killed after it whatever its state. */
  readonly roster: ProcessRoster;
  /** The test's own connection: fixture keys, and looking at what the processes left in Redis. */
  readonly redis: Redis;
  /** Spawns a gateway process and waits until it serves HTTP (not until it owns a partition: `acquired()`). */
  gateway(name: string, options?: { readonly faultPoint?: FaultPoint; readonly leaseTtlMs?: number }): Promise<GatewayProcess>;
  /** Spawns a runner process and waits until it takes jobs. */
  runner(name: string, options?: { readonly faultPoint?: FaultPoint }): Promise<SpawnedProcess>;
  /** Lets these tasks' bodies return, whichever attempt runs them. */
  release(taskIds: readonly string[]): Promise<void>;
  /** Every process's output tail, for failure messages. */
  describe(): string;
}

/**
 * A deployment of real processes per test, on the test Redis (the private server of the Jest
 * global setup) under a fresh prefix, with a fake model in this process. Afterwards every
 * process is killed (continued first if stopped), the model server closed and the prefix's keys
 * deleted.
 */
export function useProcessDeployment(label: string): ProcessDeployment {
  jest.setTimeout(PROCESS_TEST_TIMEOUT_MS);
  let state: { prefix: string; redisUrl: string; llm: FakeOpenAi; roster: ProcessRoster; redis: Redis } | undefined;
  const current = () => {
    if (!state) throw new Error('The process deployment exists only inside a test');
    return state;
  };

  beforeEach(async () => {
    const redisUrl = process.env['REDIS_URL'];
    if (!redisUrl) throw new Error('REDIS_URL is not set: the Jest global setup starts Redis');
    state = { prefix: testKeyPrefix(label), redisUrl, llm: await FakeOpenAi.start(), roster: new ProcessRoster(), redis: new Redis(redisUrl) };
  });

  afterEach(async () => {
    if (!state) return;
    const { roster, llm, redis, prefix } = state;
    state = undefined;
    await roster.killAll();
    await llm.close();
    await deleteKeysMatching(redis, `${prefix}:*`);
    await redis.quit();
  });

  return {
    get prefix() {
      return current().prefix;
    },
    get redisUrl() {
      return current().redisUrl;
    },
    get llm() {
      return current().llm;
    },
    get roster() {
      return current().roster;
    },
    get redis() {
      return current().redis;
    },
    async gateway(name, options = {}) {
      const { roster, redisUrl, prefix, llm } = current();
      const gateway = await GatewayProcess.spawn(roster, { name, redisUrl, prefix, llm, ...options });
      await gateway.ready();
      return gateway;
    },
    runner(name, options = {}) {
      const { roster, redisUrl, prefix } = current();
      return startRunner(roster, { name, redisUrl, prefix, ...options });
    },
    async release(taskIds) {
      const { redis, prefix } = current();
      if (taskIds.length > 0) await redis.mset(Object.fromEntries(taskIds.map((taskId) => [releaseKey(prefix, taskId), 'go'])));
    },
    describe() {
      return current().roster.describe(2_500);
    },
  };
}
