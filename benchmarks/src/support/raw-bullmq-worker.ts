/**
 * The worker side of the raw BullMQ baseline of `npm run bench:task`: a plain BullMQ `Worker`
 * (no Aside), in the forked runner process, whose processor reports progress once with the
 * time it started — the raw counterpart of a tool body calling `ctx.update()` — and returns.
 */
import { Worker, type Job } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { nowNs } from './cancel-runner-protocol.js';

/** The progress a raw job reports: when its processor started (process.hrtime.bigint(), as a decimal string). */
export interface RawProgress {
  readonly startedAtNs: string;
}

/** BullMQ connection options for a `redis://` URL, as Aside's own adapters derive them. */
export function bullMqConnection(redisUrl: string): RedisOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: url.port === '' ? 6379 : Number(url.port),
    ...(url.username !== '' ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password !== '' ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
  };
}

export async function startRawBullMqWorker(settings: { readonly redisUrl: string; readonly prefix: string; readonly queueName: string; readonly concurrency: number }): Promise<Worker> {
  const worker = new Worker(
    settings.queueName,
    async (job: Job) => {
      await job.updateProgress({ startedAtNs: String(nowNs()) } satisfies RawProgress);
      return null;
    },
    { connection: { ...bullMqConnection(settings.redisUrl), maxRetriesPerRequest: null }, prefix: settings.prefix, concurrency: settings.concurrency },
  );
  worker.on('error', (error) => console.error('[raw-bullmq-worker] error:', error.message));
  await worker.waitUntilReady();
  return worker;
}
