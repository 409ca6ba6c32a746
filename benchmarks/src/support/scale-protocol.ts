/**
 * What `npm run bench:scale` (scale.ts) and its forked children — the bench gateway
 * (scale-gateway.ts) and the tool runners (scale-runner.ts) — say to each other over IPC.
 *
 * Timestamps are `process.hrtime.bigint()` nanoseconds: on Linux CLOCK_MONOTONIC, one clock
 * for every process of the host (as bench:cancel documents), so a runner's stamp subtracts
 * from the gateway's reading. They travel inside the update text, never over IPC: IPC only
 * carries settings, commands and the collected figures, off every measured path.
 */

export const nowNs = (): bigint => process.hrtime.bigint();

/** Milliseconds from `fromNs` to `toNs`. */
export const elapsedMs = (fromNs: bigint, toNs: bigint): number => Number(toNs - fromNs) / 1e6;

/** The update text a runner's body sends; the gateway reads the stamp back from the folded event. */
export const updateText = (job: number, tick: number, stampNs: bigint): string => `job ${job} tick ${tick} stamped ${stampNs}`;

/** The runner's stamp in a folded update's text, or undefined when the text is not one of ours. */
export function stampOf(text: string): bigint | undefined {
  const match = / stamped (\d+)$/.exec(text);
  return match ? BigInt(match[1]!) : undefined;
}

export interface ScaleGatewaySettings {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly partitions: number;
  /** Slow-tool calls the model makes in each session's turn. */
  readonly tasksPerSession: number;
}

export interface ScaleRunnerSettings {
  readonly redisUrl: string;
  readonly prefix: string;
  /** Bodies running at once in this runner: enough for every live task of the run. */
  readonly concurrency: number;
  /** Each body calls ctx.update() this often (after a random first phase) until released. */
  readonly updateIntervalMs: number;
}

/** `process.memoryUsage()` after a forced full GC: what the process holds, not what it has yet to collect. */
export interface MemoryReading {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

/** What the gateway folded during a sampling window. */
export interface FoldWindow {
  /** Per `TaskProgressed` committed in the window: the runner's stamp → the commit returned in the gateway. */
  readonly foldMs: number[];
  /** The same updates split at the hand-over to the gateway's fold: the stamp → handed over (runner write, inbox, consumer)… */
  readonly handoverMs: number[];
  /** …and handed over → committed (session mailbox, decision, event-store append). */
  readonly commitMs: number[];
  /** Updates folded whose text carried no stamp (must be 0). */
  readonly unstamped: number;
  readonly elapsedMs: number;
  /** The gateway process's CPU time (user + system) over the window. */
  readonly cpuMs: number;
}

/** Per task, what the gateway folded by the end of the run. */
export interface TaskFolds {
  readonly updates: number;
  /** `succeeded`, `failed/<kind>`, or null while the task has not ended. */
  readonly ending: string | null;
}

export interface Endings {
  readonly tasks: Readonly<Record<string, TaskFolds>>;
  /** `ReportDiscarded` events committed (stale or repeated reports: must be 0). */
  readonly discarded: number;
}

/** What the runner's bodies wrote during a sampling window. */
export interface WriteWindow {
  /** Per update written in the window: the stamp → `ctx.update()` resolved (the report is in the inbox). */
  readonly writeMs: number[];
  /** The runner process's CPU time (user + system) over the window. */
  readonly cpuMs: number;
}

export type GatewayRequest =
  | { readonly type: 'memory' }
  /** Creates `sessions` sessions, each asked to start its jobs; answers once every task's first update is folded. */
  | { readonly type: 'open'; readonly sessions: number }
  | { readonly type: 'sample'; readonly windowMs: number }
  /** Answers once `tasks` tasks have ended (or at `deadlineMs`, with what there is). */
  | { readonly type: 'endings'; readonly tasks: number; readonly deadlineMs: number }
  | { readonly type: 'stop' };

export type RunnerRequest =
  | { readonly type: 'sample'; readonly windowMs: number }
  /** Every body stops updating and returns. */
  | { readonly type: 'release' }
  /** Answers, once every body returned, how many updates each task's body wrote. */
  | { readonly type: 'written' }
  | { readonly type: 'stop' };

/** The answer to the request numbered `id`. */
export type Reply = { readonly id: number; readonly value: unknown } | { readonly id: number; readonly error: string };

export type Request<Body> = { readonly id: number; readonly body: Body };
