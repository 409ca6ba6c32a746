import { Logger } from '@nestjs/common';
import type { LogFields, ToolLogger } from '@aside/domain';
import { AsideKeys, BullMqTaskQueue, RedisClosedSessionIndex, RedisLateResultOutbox, RedisPartitionLeases, RedisTaskPlacements, describeRedisAddress } from '@aside/bullmq';
import { asideCatalogue, withinDeadline } from '@aside/events';
import { RedisEventStore } from '@aside/events/store';
import { InProcessTaskQueue, RoutingTaskQueue, type GatewayOptions, type TaskQueue } from '@aside/engine';
import { RedisRoomSessionDirectory, roomSessionsKey } from '@aside/livekit';
import { Redis } from 'ioredis';
import { toolCatalogueKey } from '../tool-runner/tool-catalogue.js';
import type { AgentGatewayRedisOptions } from './agent-gateway.options.js';

export const DEFAULT_GATEWAY_PREFIX = 'aside';
/** A Redis that went away must not hang the shutdown. */
const QUIT_DEADLINE_MS = 1_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** What distributed mode plugs into the engine: the Redis event store and the BullMQ task queue, on one prefix. */
export interface DistributedAdapters {
  readonly store: RedisEventStore;
  /** Which of the partitions this gateway serves, through leases shared with the other gateways. */
  readonly ownership: RedisPartitionLeases;
  /** Retention's closed sessions and the late results still to POST, per partition (on the store's connection). */
  readonly closedSessions: RedisClosedSessionIndex;
  readonly lateResultOutbox: RedisLateResultOutbox;
  /** A LiveKit room's user → session directory: the hash `<prefix>:livekit:<room>:sessions` (on the store's connection). */
  roomSessionDirectory(room: string): RedisRoomSessionDirectory;
  /**
   * The engine's task-queue factory (DESIGN.md §3, "a tool runs where it is registered"): a
   * tool some runner serves (it is in the runners' catalogue) becomes a BullMQ job; any other —
   * registered with the gateway's agents only, like handoffs and agent-task tools — runs in
   * this process. Each task's place is decided once and kept in Redis.
   */
  taskQueue(dependencies: Parameters<GatewayOptions['taskQueue']>[0]): TaskQueue;
  /** Every tool call a BullMQ job (tests that run a runner with the gateway's own resolver). */
  runnerQueue(dependencies: Parameters<GatewayOptions['taskQueue']>[0]): BullMqTaskQueue;
  /** The BullMQ task queue once the engine opened it (metrics read its inboxes and jobs). */
  openedQueue(): BullMqTaskQueue | undefined;
  /** Rejects with one line (the address, never the URL) unless Redis answers a PING within `connectTimeoutMs`. */
  assertReachable(): Promise<void>;
  /** Closes the queue (a no-op after the gateway closed it), the store, and the store's connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Distributed mode's adapters (DESIGN.md §4): the Redis event store, the BullMQ task queue and
 * the partition leases, on one prefix. Tool bodies run on the runners, so the gateway's own
 * resolver and hooks are not used here (a test may start a runner with them beside the gateway).
 */
export function distributedAdapters(options: AgentGatewayRedisOptions, gatewayId: string): DistributedAdapters {
  const prefix = options.prefix ?? DEFAULT_GATEWAY_PREFIX;
  const partitions = options.partitions ?? 1;
  if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`partitions must be a positive integer, got ${partitions}`);
  const logger = new Logger('AgentGateway');
  // Ours rather than the store's, so that closing it can have a deadline.
  const client = typeof options.connection === 'string' ? new Redis(options.connection) : new Redis({ ...options.connection });
  // One line per outage, not one per reconnect attempt.
  let lastError: string | undefined;
  client.on('error', (error: Error) => {
    if (lastError === undefined) logger.warn(`Redis (event store) unreachable: ${error.message}`);
    lastError = error.message;
  });
  client.on('ready', () => (lastError = undefined));
  const store = new RedisEventStore({
    connection: client,
    catalogue: asideCatalogue,
    keyPrefix: prefix,
    ...(options.subscriptionHeartbeatMs !== undefined ? { subscriptionHeartbeatMs: options.subscriptionHeartbeatMs } : {}),
  });
  const ownership = new RedisPartitionLeases({
    connection: options.connection,
    prefix,
    partitions,
    gatewayId,
    logger: nestToolLogger(new Logger('PartitionLeases')),
    ...(options.advertisedUrl !== undefined ? { url: options.advertisedUrl } : {}),
    ...(options.leaseTtlMs !== undefined ? { leaseTtlMs: options.leaseTtlMs } : {}),
  });
  let queue: BullMqTaskQueue | undefined;
  let closing: Promise<void> | undefined;
  const closeAll = async (): Promise<void> => {
    await ownership.close(); // a no-op after the gateway handed its partitions over
    await queue?.close();
    await store.close();
    await quitWithin(client, QUIT_DEADLINE_MS);
  };
  const openQueue = (): BullMqTaskQueue => {
    queue = new BullMqTaskQueue({
      logger: nestToolLogger(new Logger('TaskQueue')),
      ...options.queue,
      connection: options.connection,
      prefix,
      partitions: [], // attached as their leases are acquired
      ...(options.queueName !== undefined ? { queueName: options.queueName } : {}),
    });
    return queue;
  };
  const catalogue = toolCatalogueKey(prefix);
  return {
    store,
    ownership,
    closedSessions: new RedisClosedSessionIndex({ connection: client, prefix }),
    lateResultOutbox: new RedisLateResultOutbox({ connection: client, prefix }),
    roomSessionDirectory: (room) => new RedisRoomSessionDirectory(client, roomSessionsKey(prefix, room)),
    taskQueue: ({ resolveTool, hooks }) =>
      new RoutingTaskQueue({
        gateway: new InProcessTaskQueue({ resolveTool, hooks }),
        runners: openQueue(),
        propose: async (job) => ((await client.hexists(catalogue, job.toolName)) === 1 ? 'runners' : 'gateway'),
        placements: new RedisTaskPlacements(client, new AsideKeys(prefix)),
      }),
    runnerQueue: () => openQueue(),
    openedQueue: () => queue,
    async assertReachable() {
      const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
      const answer = await withinDeadline(client.ping().then(() => 'ok', (error: Error) => error.message), timeoutMs);
      if (answer === 'ok') return;
      // The reasons are Redis's or the socket's own words (e.g. WRONGPASS), which never repeat a password.
      const address = describeRedisAddress(options.connection);
      if (answer !== undefined) throw new Error(`Redis ${address} answered with an error: ${answer}`);
      throw new Error(`Redis ${address} did not answer within ${timeoutMs} ms${lastError === undefined ? '' : ` (${lastError})`}`);
    },
    close() {
      closing ??= closeAll();
      return closing;
    },
  };
}


async function quitWithin(client: Redis, deadlineMs: number): Promise<void> {
  // QUIT on a connection that is down would only wait in ioredis' offline queue.
  if (client.status === 'ready') await withinDeadline(client.quit().catch(() => undefined), deadlineMs);
  // Only once: a second disconnect after the socket closed leaves ioredis a 2 s timer to no purpose.
  if (client.status !== 'end') client.disconnect();
}

/** The queue's structured log lines through Nest's logger (pino when LoggingModule is loaded). */
function nestToolLogger(logger: Logger): ToolLogger {
  const write = (level: 'debug' | 'log' | 'warn' | 'error') => (message: string, fields?: LogFields) =>
    fields && Object.keys(fields).length > 0 ? logger[level]({ ...fields }, message) : logger[level](message);
  return { debug: write('debug'), info: write('log'), warn: write('warn'), error: write('error') };
}
