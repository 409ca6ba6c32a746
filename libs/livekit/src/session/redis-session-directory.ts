import type { RoomSessionDirectory } from './session-directory.js';

/**
 * The few hash commands the directory sends — an ioredis client fits as it is, and this
 * adapter library needs no Redis client of its own (the gateway lends it its connection).
 */
export interface RedisHashCommands {
  hget(key: string, field: string): Promise<string | null>;
  hset(key: string, field: string, value: string): Promise<number>;
  hdel(key: string, field: string): Promise<number>;
}

/** Where a room's directory lives: `<prefix>:livekit:<room>:sessions`, a hash of identity → session id. */
export function roomSessionsKey(prefix: string, room: string): string {
  return `${prefix}:livekit:${room}:sessions`;
}

/**
 * The room's directory in Redis, shared by every gateway of the deployment (distributed mode):
 * the gateway that takes over the room's partition finds each user's session here and resumes
 * it. One hash per room; single-field commands, each atomic on its own. A stale entry (a
 * session closed meanwhile) is harmless: the transport checks that the session is still active
 * before resuming it and starts a new one otherwise.
 */
export class RedisRoomSessionDirectory implements RoomSessionDirectory {
  constructor(
    private readonly redis: RedisHashCommands,
    private readonly key: string,
  ) {}

  async find(identity: string): Promise<string | undefined> {
    return (await this.redis.hget(this.key, identity)) ?? undefined;
  }

  async remember(identity: string, sessionId: string): Promise<void> {
    await this.redis.hset(this.key, identity, sessionId);
  }

  async forget(identity: string): Promise<void> {
    await this.redis.hdel(this.key, identity);
  }
}
