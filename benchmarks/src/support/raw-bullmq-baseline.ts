/**
 * The raw BullMQ baseline of `npm run bench:task`, bench side: a plain `Queue` and `QueueEvents`
 * on the same Redis as Aside, with the worker (raw-bullmq-worker.ts) in the forked runner.
 * What a hand-rolled runtime without an event log would do: `Queue.add` → the worker's
 * processor starts → `job.updateProgress()` → the 'progress' event reaches this process.
 */
import { Queue, QueueEvents } from 'bullmq';
import { elapsedMs, nowNs } from './cancel-runner-protocol.js';
import { bullMqConnection, type RawProgress } from './raw-bullmq-worker.js';
import { settable, within, type Settable } from './settable.js';

const ROUND_DEADLINE_MS = 10_000;

export interface RawSample {
  /** Queue.add called → the progress event heard here. */
  readonly totalMs: number;
  /** Queue.add called → the processor started (in the runner). */
  readonly toBodyMs: number;
  /** The processor started → the progress event heard here. */
  readonly fromBodyMs: number;
}

interface RawJob {
  readonly progress: Settable<{ readonly atNs: bigint; readonly startedAtNs: bigint }>;
  readonly completed: Settable<void>;
}

export class RawBullMqBaseline {
  private readonly jobs = new Map<string, RawJob>();

  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {
    events.on('progress', ({ jobId, data }) => {
      const atNs = nowNs();
      const startedAtNs = (data as RawProgress).startedAtNs;
      this.jobs.get(jobId)?.progress.resolve({ atNs, startedAtNs: BigInt(startedAtNs) });
    });
    events.on('completed', ({ jobId }) => this.jobs.get(jobId)?.completed.resolve());
    events.on('failed', ({ jobId, failedReason }) => console.error(`[raw-bullmq] job ${jobId} failed: ${failedReason}`));
  }

  static async open(settings: { readonly redisUrl: string; readonly prefix: string; readonly queueName: string }): Promise<RawBullMqBaseline> {
    const options = { connection: bullMqConnection(settings.redisUrl), prefix: settings.prefix };
    const queue = new Queue(settings.queueName, options);
    // From the stream's start, not '$': 'ready' comes before the first XREAD is sent, and an
    // event added in between would be lost. The queue is the bench's own, so nothing older is there.
    const events = new QueueEvents(settings.queueName, { ...options, lastEventId: '0-0' });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new RawBullMqBaseline(queue, events);
  }

  /**
   * Adds `count` jobs in one tick (removed once complete, as Aside's are), waits for each one's
   * progress event, then for every job to complete, so the next round starts on a quiet queue.
   */
  async round(count: number, roundId: string): Promise<RawSample[]> {
    const ids = Array.from({ length: count }, (_, i) => `${roundId}-${i}`);
    for (const id of ids) this.jobs.set(id, { progress: settable(), completed: settable() });
    const addedAtNs: bigint[] = [];
    const added = ids.map((id) => {
      addedAtNs.push(nowNs());
      return this.queue.add('raw', {}, { jobId: id, removeOnComplete: true });
    });
    try {
      await Promise.all(added);
      const heard = await within(Promise.all(ids.map((id) => this.jobs.get(id)!.progress.promise)), ROUND_DEADLINE_MS, `raw round ${roundId}: progress events`);
      await within(Promise.all(ids.map((id) => this.jobs.get(id)!.completed.promise)), ROUND_DEADLINE_MS, `raw round ${roundId}: completions`);
      return heard.map(({ atNs, startedAtNs }, i) => ({
        totalMs: elapsedMs(addedAtNs[i]!, atNs),
        toBodyMs: elapsedMs(addedAtNs[i]!, startedAtNs),
        fromBodyMs: elapsedMs(startedAtNs, atNs),
      }));
    } finally {
      for (const id of ids) this.jobs.delete(id);
    }
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}
