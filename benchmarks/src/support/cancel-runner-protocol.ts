/**
 * The IPC messages between the remote-cancel bench (the gateway process) and its tool runner
 * child (support/cancel-runner.ts).
 *
 * Timestamps are `process.hrtime.bigint()` in nanoseconds, sent as decimal strings (IPC is
 * JSON). On Linux that clock is CLOCK_MONOTONIC, one clock for every process on the host, so a
 * child's timestamp can be subtracted from the parent's; `performance.now()` could not be (each
 * process counts from its own start). The IPC hop only carries the number: it is not measured.
 */

/** The one tool the runner knows: reports `running`, then waits for its signal to abort. */
export const WAIT_FOR_CANCEL_TOOL = 'wait_for_cancel';

/** Parent → child, as argv: where to run. */
export interface CancelRunnerArguments {
  readonly redisUrl: string;
  readonly prefix: string;
  /** Where the raw PUBLISH floor is published (not the runners' cancel channel). */
  readonly floorChannel: string;
  readonly concurrency: number;
}

export type ToRunner = { readonly type: 'stop' };

export type FromRunner =
  | { readonly type: 'ready' }
  /** The body of `taskId` saw its signal abort. */
  | { readonly type: 'aborted'; readonly taskId: string; readonly atNs: string }
  /** The raw subscriber received floor message `id`. */
  | { readonly type: 'floor-heard'; readonly id: string; readonly atNs: string };

export const nowNs = (): bigint => process.hrtime.bigint();

/** Milliseconds from `fromNs` to `toNs`. */
export const elapsedMs = (fromNs: bigint, toNs: bigint): number => Number(toNs - fromNs) / 1e6;
