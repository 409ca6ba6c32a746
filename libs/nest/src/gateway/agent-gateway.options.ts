import type { ModuleMetadata, InjectionToken, OptionalFactoryDependency } from '@nestjs/common';
import type { AgentDefinition, TaskDefinition, TemplateOverrides } from '@aside/domain';
import type { BullMqTaskQueueOptions, RedisConnection } from '@aside/bullmq';
import type { EventStore } from '@aside/events/store';
import type { GatewayOptions, LateResultsOptions, SessionArchive } from '@aside/engine';
import type { LlmPort } from '@aside/llm';
import type { ReconnectPolicy, RoomSessionDirectory } from '@aside/livekit';
import type { StreamOptions } from '../http-api/gateway-http.options.js';
import type { LiveKitRoomSettings } from '../livekit/livekit-settings.js';

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
  /**
   * Late results (SEMANTICS §10) POSTed to the webhook a session asked for (`lateResults: {
   * webhook }`), signed with `secret` (HMAC-SHA256 of the body) and retried. Left out: a session
   * asking for a webhook is refused. The CLI reads ASIDE_WEBHOOK_SECRET.
   */
  readonly lateResults?: Omit<LateResultsOptions, 'outbox'>;
  /**
   * Closed sessions archived (JSON lines) and deleted whole after `retentionMs` (DESIGN.md §4).
   * Left out: kept for good. The CLI reads ASIDE_ARCHIVE_DIR and ASIDE_RETENTION_MS.
   */
  readonly retention?: AgentGatewayRetentionOptions;
  /**
   * Join a LiveKit room as the agent participant: each user who joins talks to `agent` in a
   * session of their own (docs/livekit.md). In distributed mode the gateway owning
   * `partition` is the one in the room. The CLI reads LIVEKIT_URL, LIVEKIT_API_KEY,
   * LIVEKIT_API_SECRET, ASIDE_LIVEKIT_ROOM and ASIDE_LIVEKIT_AGENT.
   */
  readonly livekit?: AgentGatewayLiveKitOptions;
  /**
   * Distributed mode: Bull Board for the tool queue at `path` (default `/admin/queues`), behind
   * the API tokens, read-only unless `readOnly: false`. `false` leaves it out. Embedded mode has
   * no queue to show.
   */
  readonly queueBoard?: false | AgentGatewayQueueBoardOptions;
}

export interface AgentGatewayQueueBoardOptions {
  /** Default `/admin/queues`. */
  readonly path?: string;
  /** Default true: no retry, clean, remove or pause from the board (the gateway owns the jobs' lifecycle). */
  readonly readOnly?: boolean;
}

export interface AgentGatewayLiveKitOptions extends LiveKitRoomSettings {
  /** Where each user's session id is kept for the next gateway in the room. Default: in this process. */
  readonly directory?: RoomSessionDirectory;
  readonly reconnect?: ReconnectPolicy;
}

export interface AgentGatewayRetentionOptions {
  /** Where the archives go, one `<sessionId>.jsonl` per session; or give `archive`. */
  readonly archiveDir?: string;
  /** Your own archive (object storage…) instead of a directory. */
  readonly archive?: SessionArchive;
  /** How long a closed session is kept. Default 7 days. */
  readonly retentionMs?: number;
  /** How often the owned partitions are swept. Default a minute. */
  readonly sweepEveryMs?: number;
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
  /** How often the session-log subscriptions' notice connection must answer a PING (else it is reconnected). Default 2 s. */
  readonly subscriptionHeartbeatMs?: number;
  /** At boot, how long Redis has to answer before the gateway refuses to start. Default 5 s. */
  readonly connectTimeoutMs?: number;
}

export interface AgentGatewayModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (...args: any[]) => AgentGatewayModuleOptions | Promise<AgentGatewayModuleOptions>;
}
