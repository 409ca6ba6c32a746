import type { TaskJob, TaskPlace, TaskPlacements } from '@aside/engine';
import { parseSessionId } from '@aside/events';
import type { Redis } from 'ioredis';
import { MARKER_TTL_SECONDS, type AsideKeys } from '../redis/aside-keys.js';

/**
 * Task placements in Redis: the first gateway to place a task decides for every later owner of
 * its partition (one `SET NX GET`: it answers the place already held, if any). Kept as long as
 * the other per-task markers (a day), far beyond any task's life in the queue.
 */
export class RedisTaskPlacements implements TaskPlacements {
  constructor(
    private readonly redis: Redis,
    private readonly keys: AsideKeys,
  ) {}

  async settle(job: TaskJob, proposed: TaskPlace): Promise<TaskPlace> {
    const partition = parseSessionId(job.sessionId)!.partition;
    const held = (await this.redis.call('SET', this.keys.taskPlacement(partition, job.taskId), proposed, 'NX', 'GET', 'EX', MARKER_TTL_SECONDS)) as string | null;
    return held === 'gateway' || held === 'runners' ? held : proposed;
  }
}
