import { DEFAULT_QUEUE_NAME } from '@aside/bullmq';
import { Queue } from 'bullmq';

/**
 * The BullMQ queue of tool jobs as the test sees it: the state of a task's job (a cancelled
 * one must end `failed`, not wait for a retry) and raw jobs the gateway would never send.
 */
export class ToolJobs {
  private readonly queue: Queue;

  constructor(redisUrl: string, prefix: string) {
    const url = new URL(redisUrl);
    const connection = {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    };
    this.queue = new Queue(DEFAULT_QUEUE_NAME, { connection, prefix });
  }

  /** The job's state and how many times a runner took it; undefined once removed. */
  async job(jobId: string): Promise<{ readonly state: string; readonly attemptsStarted: number } | undefined> {
    const job = await this.queue.getJob(jobId);
    if (!job) return undefined;
    return { state: await job.getState(), attemptsStarted: job.attemptsStarted };
  }

  async addRaw(jobId: string, data: unknown): Promise<void> {
    await this.queue.add('raw', data, { jobId });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
