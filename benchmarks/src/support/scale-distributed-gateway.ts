import { BullMqTaskQueue, RedisPartitionLeases } from '@aside/bullmq';
import { createAgentRegistry } from '@aside/domain';
import { Gateway, type TaskReportMessage } from '@aside/engine';
import { asideCatalogue } from '@aside/events';
import { RedisEventStore } from '@aside/events/store';
import { Redis } from 'ioredis';
import { scaleAgent } from './scale-agent.js';
import { HandoverStampingQueue } from './scale-handover-queue.js';
import { SlowJobsModel } from './scale-model.js';
import type { ScaleGatewaySettings } from './scale-protocol.js';
import { stderrEngineLogger, stderrLogger } from './stderr-logger.js';

const OWNERSHIP_DEADLINE_MS = 10_000;

export interface DistributedGateway {
  readonly gateway: Gateway;
  close(): Promise<void>;
}

const engineLogger = stderrEngineLogger('bench-gateway');

/**
 * A distributed-mode gateway as `@aside/nest`'s `distributedAdapters` wires one: the Redis event
 * store on its own connection, partition leases with fencing epochs, and the BullMQ task queue
 * whose inbox consumers are attached as the leases are acquired. Every tool call becomes a
 * BullMQ job (as in the acceptance harness's `runnerQueue`): the bench's only tool is served by
 * the runners, so the routing queue's catalogue lookup would change nothing but one read per
 * enqueue, off the measured path. `onHandover` hears each report as the queue hands it to the
 * fold. Resolves once it owns every partition (it is the only gateway).
 */
export async function startDistributedGateway(settings: ScaleGatewaySettings, onHandover: (message: TaskReportMessage) => void): Promise<DistributedGateway> {
  const { redisUrl, prefix, partitions, tasksPerSession } = settings;
  const gatewayId = `bench-gateway-${process.pid}`;
  const client = new Redis(redisUrl);
  const store = new RedisEventStore({ connection: client, catalogue: asideCatalogue, keyPrefix: prefix });
  const ownership = new RedisPartitionLeases({ connection: redisUrl, prefix, partitions, gatewayId, logger: stderrLogger('bench-leases') });
  const queue = new BullMqTaskQueue({ connection: redisUrl, prefix, partitions: [], consumerName: gatewayId, logger: stderrLogger('bench-queue') });
  const gateway = await Gateway.start({
    store,
    registry: createAgentRegistry([scaleAgent()]),
    llm: new SlowJobsModel(tasksPerSession),
    ownership,
    gatewayId,
    logger: engineLogger,
    taskQueue: () => new HandoverStampingQueue(queue, onHandover),
  });
  const deadline = performance.now() + OWNERSHIP_DEADLINE_MS;
  while (ownership.owned().length < partitions) {
    if (performance.now() > deadline) throw new Error(`The bench gateway owns ${ownership.owned().length} of ${partitions} partitions after ${OWNERSHIP_DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    gateway,
    async close() {
      await gateway.close({ graceMs: 0 }); // hands the partitions over, closes the queue and the reactors
      await store.close();
      await client.quit();
    },
  };
}
