/**
 * A real `Gateway` for the latency benches, in either mode, wired the way the NestJS module
 * wires it (libs/nest/src/gateway/create-gateway.ts and distributed-adapters.ts; the benches do
 * not depend on @aside/nest, so the few lines are repeated here):
 *
 * - embedded: in-memory event store, every tool body in this process;
 * - distributed: the Redis event store, partition leases with fencing epochs (every append
 *   carries the epoch), and the routing task queue — a tool some runner serves (named in the
 *   runners' catalogue in Redis) becomes a BullMQ job, any other runs in this process; each
 *   task's place is settled once in Redis. Reports come back through the partition's inbox.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { AsideKeys, BullMqTaskQueue, RedisPartitionLeases, RedisTaskPlacements } from '@aside/bullmq';
import type { LiveAgentRegistry } from '@aside/domain';
import { Gateway, InProcessTaskQueue, RoutingTaskQueue, type GatewayOptions, type TaskJob, type TaskQueue } from '@aside/engine';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore, RedisEventStore } from '@aside/events/store';
import type { LlmPort } from '@aside/llm';
import { Redis } from 'ioredis';
import { stderrEngineLogger, stderrLogger } from './stderr-logger.js';
import { toolCatalogueKey } from './task-runner-protocol.js';

export type GatewayMode = 'embedded' | 'distributed';

export interface BenchGatewayOptions {
  readonly mode: GatewayMode;
  readonly registry: LiveAgentRegistry;
  readonly llm: LlmPort;
  /** Distributed mode only. */
  readonly redisUrl?: string;
  /** Distributed mode only: the key prefix shared with the runners (the bench deletes its keys at the end). */
  readonly prefix?: string;
  /** Called as the gateway hands each job to its task queue (before any routing). */
  readonly onEnqueue?: (job: TaskJob) => void;
}

export interface BenchGateway {
  readonly gateway: Gateway;
  /** Closes the gateway and whatever was opened for it (its Redis keys stay: runners may still use them). */
  close(): Promise<void>;
}

const engineLogger = stderrEngineLogger('gateway');

export async function startBenchGateway(options: BenchGatewayOptions): Promise<BenchGateway> {
  return options.mode === 'embedded' ? startEmbedded(options) : startDistributed(options);
}

async function startEmbedded(options: BenchGatewayOptions): Promise<BenchGateway> {
  const gateway = await Gateway.start({
    store: new InMemoryEventStore({ catalogue: asideCatalogue }),
    registry: options.registry,
    llm: options.llm,
    logger: engineLogger,
    taskQueue: ({ resolveTool, hooks }) => timestamped(new InProcessTaskQueue({ resolveTool, hooks }), options.onEnqueue),
  });
  return { gateway, close: () => gateway.close({ graceMs: 0 }) };
}

async function startDistributed(options: BenchGatewayOptions): Promise<BenchGateway> {
  const { redisUrl, prefix } = options;
  if (redisUrl === undefined || prefix === undefined) throw new Error('Distributed mode needs redisUrl and prefix');
  const client = new Redis(redisUrl);
  const store = new RedisEventStore({ connection: client, catalogue: asideCatalogue, keyPrefix: prefix });
  const gatewayId = `bench-gateway-${randomBytes(3).toString('hex')}`;
  const ownership = new RedisPartitionLeases({ connection: redisUrl, prefix, partitions: 1, gatewayId, logger: stderrLogger('leases') });
  const catalogue = toolCatalogueKey(prefix);
  const taskQueue: GatewayOptions['taskQueue'] = ({ resolveTool, hooks }) =>
    timestamped(
      new RoutingTaskQueue({
        gateway: new InProcessTaskQueue({ resolveTool, hooks }),
        // Production defaults (blockMs 1 s also paces the owner's inbox reclaim and trim), as distributedAdapters leaves them.
        runners: new BullMqTaskQueue({ connection: redisUrl, prefix, partitions: [], logger: stderrLogger('task-queue') }),
        propose: async (job) => ((await client.hexists(catalogue, job.toolName)) === 1 ? 'runners' : 'gateway'),
        placements: new RedisTaskPlacements(client, new AsideKeys(prefix)),
      }),
      options.onEnqueue,
    );
  const gateway = await Gateway.start({ store, registry: options.registry, llm: options.llm, logger: engineLogger, ownership, gatewayId, taskQueue });
  await holdStoreSubscriber(gateway, store, client, options.registry.agentNames()[0]!);
  return {
    gateway,
    async close() {
      await gateway.close({ graceMs: 0 }); // hands the partition over, closes the queue and the reactors
      await store.close();
      await client.quit();
    },
  };
}

/**
 * Works around a bug of the Redis store at the time of writing (libs/events/src/store/redis/
 * commit-notices.ts and log-feeds.ts): its one subscriber connection is opened with the first
 * followed log and closed with the last, and SUBSCRIBEs sent while it is still connecting trip
 * ioredis' ready check ("Connection in subscriber mode, only subscriber commands may be used"):
 * those subscriptions end with the error and the reactor stops following their sessions for
 * good. Opening many sessions at once (a cell's start, a rotation) hits it. One session kept
 * open for the gateway's life, whose commit notices Redis confirms (PUBSUB NUMSUB) before
 * anything is measured, keeps that connection up and ready throughout. It is idle: it adds no
 * work to what is measured.
 */
async function holdStoreSubscriber(gateway: Gateway, store: RedisEventStore, client: Redis, agent: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const { sessionId } = await gateway.createSession({ agent });
    const channel = store.keysOf(sessionId).commitNotices;
    const deadline = performance.now() + 2_000;
    while (performance.now() < deadline) {
      const [, subscribers] = (await client.pubsub('NUMSUB', channel)) as [string, number];
      if (Number(subscribers) > 0) return;
      await delay(20);
    }
    await gateway.closeSession(sessionId); // its subscription failed: try with another
  }
  throw new Error("The Redis store's subscriber connection never confirmed a subscription");
}

/** The task queue, telling `onEnqueue` the moment the gateway hands it a job. */
function timestamped(queue: TaskQueue, onEnqueue: ((job: TaskJob) => void) | undefined): TaskQueue {
  if (onEnqueue === undefined) return queue;
  return {
    start: (handler) => queue.start(handler),
    enqueue: (job) => {
      onEnqueue(job);
      return queue.enqueue(job);
    },
    cancel: (taskId) => queue.cancel(taskId),
    ...(queue.attachPartition ? { attachPartition: (partition: number) => queue.attachPartition!(partition) } : {}),
    ...(queue.detachPartition ? { detachPartition: (partition: number) => queue.detachPartition!(partition) } : {}),
    close: (graceMs) => queue.close(graceMs),
  };
}
