import type { ModuleMetadata, InjectionToken, OptionalFactoryDependency } from '@nestjs/common';
import type { AgentDefinition, TaskDefinition, TemplateOverrides } from '@aside/domain';
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
  /** Default: the in-memory store (embedded mode). */
  readonly store?: EventStore;
  /** Default: tool bodies run in this process. */
  readonly taskQueue?: GatewayOptions['taskQueue'];
  /** Default: read from ASIDE_API_TOKENS; `[]` turns authentication off. */
  readonly apiTokens?: readonly string[];
  /** With client playout, a speech never reported counts as played after this long. Default 10 s. */
  readonly playoutTimeoutMs?: number;
  readonly templates?: TemplateOverrides;
  readonly gatewayId?: string;
  readonly stream?: StreamOptions;
}

export interface AgentGatewayModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (...args: any[]) => AgentGatewayModuleOptions | Promise<AgentGatewayModuleOptions>;
}
