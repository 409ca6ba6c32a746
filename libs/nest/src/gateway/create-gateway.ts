import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore } from '@aside/events/store';
import { createAgentRegistry } from '@aside/domain';
import { Logger } from '@nestjs/common';
import { Gateway, InProcessTaskQueue, SoleOwnership, type EngineLogger, type GatewayOptions } from '@aside/engine';
import { configFromEnv, OpenAiLlm } from '@aside/llm';
import type { RoomSessionDirectory } from '@aside/livekit';
import type { FoldedReport, ToolQueue } from '@aside/bullmq';
import type { AgentGatewayModuleOptions, AgentGatewayRedisOptions } from './agent-gateway.options.js';
import { PartitionSignals } from '../livekit/partition-signals.js';
import { distributedAdapters } from './distributed-adapters.js';
import type { GatewayInstrumentation } from '../metrics/gateway/gateway-metrics.js';
import { gatewayServiceOptions } from './gateway-service-options.js';

/** A started gateway and whatever was opened for it. */
export interface OpenedGateway {
  readonly gateway: Gateway;
  /** The partitions it owns, as they come and go (the LiveKit room follows its partition). */
  readonly partitions: PartitionSignals;
  readonly distributed: boolean;
  /** Distributed mode: a LiveKit room's user → session directory in Redis, shared with the other gateways. */
  readonly roomSessionDirectory?: (room: string) => RoomSessionDirectory;
  /** Distributed mode: the BullMQ queues of tool jobs (the queue board shows them). */
  readonly toolQueues?: () => readonly ToolQueue[];
  /** Closes the gateway (tool bodies still running after `graceMs` are aborted), then the store and queue opened for it. */
  close(options?: { readonly graceMs?: number }): Promise<void>;
}

/**
 * The engine behind the module: distributed mode when `redis` is given (Redis event store,
 * BullMQ task queue), otherwise embedded (in-memory store, tool bodies in this process), with
 * `store` / `taskQueue` overriding the embedded defaults. With `instrumentation` (the module's
 * `GatewayMetrics`), the store's appends are timed, inbox folds heard and commits observed.
 */
export async function createGateway(options: AgentGatewayModuleOptions, instrumentation?: GatewayInstrumentation): Promise<OpenedGateway> {
  if (options.redis && (options.store || options.taskQueue)) {
    throw new Error('AgentGatewayModule: give either `redis` (distributed mode) or `store`/`taskQueue`, not both');
  }
  // Unique among live gateways (it names the lease holder and the inbox consumer).
  const gatewayId = options.gatewayId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const redis = options.redis && instrumentation ? withFoldHook(options.redis, instrumentation) : options.redis;
  const distributed = redis ? distributedAdapters(redis, gatewayId) : undefined;
  const store = distributed?.store ?? options.store ?? new InMemoryEventStore({ catalogue: asideCatalogue });
  const closeOpened = async (): Promise<void> => distributed?.close();
  const partitions = new PartitionSignals(distributed?.ownership ?? new SoleOwnership(1));
  const engine: GatewayOptions = {
    store: instrumentation ? instrumentation.eventStore(store) : store,
    registry: createAgentRegistry(options.agents),
    llm: options.llm ?? new OpenAiLlm(configFromEnv(process.env)),
    taskQueue: distributed?.taskQueue ?? options.taskQueue ?? (({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks })),
    ownership: partitions,
    ...(options.templates ? { templates: options.templates } : {}),
    gatewayId,
    logger: nestEngineLogger(new Logger('Gateway')),
    ...(options.playoutTimeoutMs ? { playoutTimeoutMs: options.playoutTimeoutMs } : {}),
    ...gatewayServiceOptions(options, distributed),
  };
  let gateway: Gateway;
  try {
    // Before the queue opens its connections: one clear line rather than a reconnect storm.
    await distributed?.assertReachable();
    gateway = await Gateway.start(engine);
  } catch (error) {
    await closeOpened(); // e.g. Redis unreachable at boot: no connection may outlive the failure
    throw error;
  }
  const queue = distributed?.openedQueue();
  const stopObserving = instrumentation?.started(gateway, { ownership: partitions, ...(queue ? { queue } : {}) });
  return {
    gateway,
    partitions,
    distributed: distributed !== undefined,
    ...(distributed ? { roomSessionDirectory: (room: string) => distributed.roomSessionDirectory(room) } : {}),
    ...(distributed ? { toolQueues: () => distributed.openedQueue()?.toolQueues() ?? [] } : {}),
    async close(closing = {}) {
      await gateway.close(closing);
      stopObserving?.(); // before the queue closes: a scrape must not read closed connections
      await closeOpened();
    },
  };
}

/** Distributed mode's queue options with the fold-latency hook, after any the application gave. */
function withFoldHook(redis: AgentGatewayRedisOptions, instrumentation: GatewayInstrumentation): AgentGatewayRedisOptions {
  const given = redis.queue?.onReportFolded;
  const onReportFolded = (folded: FoldedReport): void => {
    instrumentation.reportFolded(folded);
    given?.(folded);
  };
  return { ...redis, queue: { ...redis.queue, onReportFolded } };
}

/** The engine's structured log lines (reactions, takeovers, refused reports) through Nest's logger — pino when LoggingModule is loaded. */
function nestEngineLogger(logger: Logger): EngineLogger {
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.log(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
  };
}
