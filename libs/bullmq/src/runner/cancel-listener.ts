import type { ToolLogger } from '@aside/domain';
import type { Redis } from 'ioredis';
import { closeConnection } from '../redis/redis-connection.js';

/**
 * Hears cancels on the channel every runner subscribes to, on its own connection (a subscribed
 * connection can do nothing else). Missing a message is survivable by design: the cancel flag is
 * read back by every report write.
 */
export class CancelListener {
  private constructor(private readonly redis: Redis) {}

  static async listen(redis: Redis, channel: string, onCancel: (taskId: string) => void, logger: ToolLogger): Promise<CancelListener> {
    redis.on('message', (received: string, taskId: string) => {
      if (received === channel) onCancel(taskId);
    });
    redis.on('error', (error: Error) => logger.warn('Cancel subscription error', { error: error.message }));
    await redis.subscribe(channel);
    return new CancelListener(redis);
  }

  close(): Promise<void> {
    return closeConnection(this.redis);
  }
}
