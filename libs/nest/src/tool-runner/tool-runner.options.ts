import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import type { AnyToolDefinition } from '@aside/domain';
import type { RedisConnection } from '@aside/bullmq';

/** How an application configures its runner (DESIGN.md §5), in the `@nestjs/bullmq` style. */
export interface ToolRunnerModuleOptions {
  /** A `redis://` URL or ioredis options. */
  readonly connection: RedisConnection;
  /** Shared with the gateway: BullMQ's key prefix and Aside's. Default `aside`. */
  readonly prefix?: string;
  /** Default `aside-tools`. */
  readonly queueName?: string;
  /** Attempts running at once in this process. Default 10. */
  readonly concurrency?: number;
  /** BullMQ's job lock; renewed at half. Default 30 s. */
  readonly lockDurationMs?: number;
  /** How often a dead runner's stalled jobs are looked for. Default 30 s. */
  readonly stalledIntervalMs?: number;
  /** Stall recoveries (a runner died holding the job) before the job fails. Default 1. */
  readonly maxStalledCount?: number;
  /** Tools given as values, beside the `@Tool()` methods discovered on providers. */
  readonly tools?: readonly AnyToolDefinition[];
  /** On shutdown, how long running bodies may finish before they are handed back to the queue. Default 5 s. */
  readonly graceMs?: number;
}

export interface ToolRunnerModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (...args: any[]) => ToolRunnerModuleOptions | Promise<ToolRunnerModuleOptions>;
}

export const TOOL_RUNNER_OPTIONS = Symbol.for('aside.tool-runner.options');
export const DEFAULT_RUNNER_PREFIX = 'aside';
export const DEFAULT_GRACE_MS = 5_000;
