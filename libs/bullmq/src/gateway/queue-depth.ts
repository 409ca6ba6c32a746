import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** States whose jobs are still to run, or running: counted per tool too. */
const LIVE_STATES = ['waiting', 'prioritized', 'delayed', 'active'] as const;
/** Failed jobs are kept for inspection (`keepFailedSeconds`): counted in total only. */
const COUNTED_STATES = [...LIVE_STATES, 'failed'] as const;
/** Per-tool counts read at most this many job names per state: a deep backlog costs a scrape a bounded read. */
export const DEPTH_SAMPLE_LIMIT = 1_000;

export type LiveJobState = (typeof LIVE_STATES)[number];
export type CountedJobState = (typeof COUNTED_STATES)[number];

export interface QueueDepth {
  readonly queue: string;
  /** Exact counts (BullMQ's own). */
  readonly jobs: Readonly<Record<CountedJobState, number>>;
  /** By job name (the tool), over the first `DEPTH_SAMPLE_LIMIT` jobs of each state. */
  readonly byTool: readonly { readonly tool: string; readonly state: LiveJobState; readonly count: number }[];
  /** Some state held more jobs than were looked at for `byTool`. */
  readonly sampled: boolean;
}

/**
 * One tool queue holds every tool's jobs, each named after its tool (`BullMqTaskQueue.enqueue`),
 * so the depth per tool is read from the jobs' names: ids from BullMQ's ranges, then one pipelined
 * HGET of `name` per job (on `redis`, a connection of the same Redis) — never the job data,
 * which may be large.
 */
export async function queueDepth(queue: Queue, redis: Redis): Promise<QueueDepth> {
  const counts = await queue.getJobCounts(...COUNTED_STATES);
  const jobs = Object.fromEntries(COUNTED_STATES.map((state) => [state, counts[state] ?? 0])) as Record<CountedJobState, number>;
  const byTool: { tool: string; state: LiveJobState; count: number }[] = [];
  for (const state of LIVE_STATES) {
    if (jobs[state] === 0) continue;
    const names = await jobNames(queue, redis, await queue.getRanges([state], 0, DEPTH_SAMPLE_LIMIT - 1));
    const perTool = new Map<string, number>();
    for (const name of names) perTool.set(name, (perTool.get(name) ?? 0) + 1);
    for (const [tool, count] of perTool) byTool.push({ tool, state, count });
  }
  return { queue: queue.name, jobs, byTool, sampled: LIVE_STATES.some((state) => jobs[state] > DEPTH_SAMPLE_LIMIT) };
}

async function jobNames(queue: Queue, redis: Redis, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(queue.toKey(id), 'name');
  const replies = (await pipeline.exec()) ?? [];
  // A job removed between the two reads answers null: it is simply not counted.
  return replies.flatMap(([error, name]) => (error === null && typeof name === 'string' ? [name] : []));
}
