/**
 * Between a latency bench (the gateway process) and its forked tool-runner child
 * (support/task-runner.ts): the child's settings, passed as argv, and the IPC messages. Nothing
 * measured travels over IPC: timestamps the child takes ride inside the reports themselves.
 */

/** Parent → child, as argv. */
export interface TaskRunnerArguments {
  readonly redisUrl: string;
  /** Shared with the gateway: BullMQ's key prefix and Aside's. */
  readonly prefix: string;
  /** Tool bodies running at once, for Aside's worker and the raw one alike. */
  readonly concurrency: number;
  /** When set, the child also runs a plain BullMQ worker on this queue (the raw baseline). */
  readonly rawQueueName?: string;
}

export type ToRunner = { readonly type: 'stop' };

export type FromRunner = { readonly type: 'ready' };

/**
 * Where runners publish the tools they serve, so the gateway sends those calls to the queue:
 * the same key as `toolCatalogueKey` of @aside/nest, which the benches do not depend on.
 */
export function toolCatalogueKey(prefix: string): string {
  return `${prefix}:tool-catalogue`;
}
