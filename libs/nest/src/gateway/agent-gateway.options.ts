import type { ModuleMetadata, InjectionToken, OptionalFactoryDependency } from '@nestjs/common';
import type { AgentDefinition, TaskDefinition, TemplateOverrides } from '@aside/domain';
import type { BullMqTaskQueueOptions, RedisConnection } from '@aside/bullmq';
import type { EventStore } from '@aside/events/store';
import type { GatewayOptions } from '@aside/engine';
import type { LlmPort } from '@aside/llm';
import type { StreamOptions } from '../http-api/gateway-http.options.js';

/** How an application configures its gateway (DESIGN.md §5), in the `@nestjs/bullmq` style. */
export interface AgentGatewayModuleOptions {
  /** Every agent and agent task the gateway may run (handoff targets are found on their own). */
  readonly agents: readonly (AgentDefinition | TaskDefinition)[];
  /** Default: the OpenAI-compatible endpoint of OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_MODEL. */
  readonly llm?: LlmPort;
  /**
   * Distributed mode (DESIGN.md §4): the event store on this Redis, tool calls as BullMQ jobs
   * for the tool runners, their reports read from the inbox of every partition. Left out:
   * embedded mode. Never read from the environment here (the CLI reads REDIS_URL), so a
   * REDIS_URL meant for something else cannot switch an application's mode behind its back.
   */
  readonly redis?: AgentGatewayRedisOptions;
  /** Default: the in-memory store (embedded mode). Not together with `redis`. */
  readonly store?: EventStore;
  /** Default: tool bodies run in this process. Not together with `redis`. */
  readonly taskQueue?: GatewayOptions['taskQueue'];
  /** Default: read from ASIDE_API_TOKENS; `[]` turns authentication off. */
  readonly apiTokens?: readonly string[];
  /** With client playout, a speech never reported counts as played after this long. Default 10 s. */
  readonly playoutTimeoutMs?: number;
  readonly templates?: TemplateOverrides;
  readonly gatewayId?: string;
  readonly stream?: StreamOptions;
}

/** Distributed mode's settings; `connection`, `prefix` and `queueName` must match the runners'. */
export interface AgentGatewayRedisOptions {
  /** A `redis://` / `rediss://` URL or ioredis options. */
  readonly connection: RedisConnection;
  /** The namespace of every key: the event store's, BullMQ's and the inboxes'. Default `aside`. */
  readonly prefix?: string;
  /**
   * Sessions are spread over partitions 0..P-1 (every gateway of the deployment must agree).
   * Gateways share them through leases with fencing epochs: each serves its fair share, takes
   * over a dead one's, hands its own over on shutdown. Default 1.
   */
  readonly partitions?: number;
  /** Where clients reach this gateway: the others redirect requests for its sessions here. */
  readonly advertisedUrl?: string;
  /** A gateway silent this long loses its partitions to the others. Default 10 s. */
  readonly leaseTtlMs?: number;
  /** The BullMQ queue of tool jobs. Default `aside-tools`. */
  readonly queueName?: string;
  /** Timings of the task queue (inbox reads, reclaim, close deadlines); production defaults otherwise. */
  readonly queue?: Omit<Partial<BullMqTaskQueueOptions>, 'connection' | 'prefix' | 'queueName' | 'partitions'>;
  /** How long one blocking read of a session-log subscription waits. Default 2 s. */
  readonly subscriptionBlockMs?: number;
  /** At boot, how long Redis has to answer before the gateway refuses to start. Default 5 s. */
  readonly connectTimeoutMs?: number;
}

export interface AgentGatewayModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (...args: any[]) => AgentGatewayModuleOptions | Promise<AgentGatewayModuleOptions>;
}
