import { testKeyPrefix } from '@aside/testing';
import { Redis } from 'ioredis';
import { RedisRoomSessionDirectory, roomSessionsKey } from '../src/session/redis-session-directory.js';
import { InMemoryRoomSessionDirectory } from '../src/session/session-directory.js';
import { redisUrl } from './support/redis-url.js';
import { roomSessionDirectoryContract } from './support/session-directory-contract.js';

roomSessionDirectoryContract('in memory (embedded mode)', {
  shared: false,
  open: async () => ({ first: new InMemoryRoomSessionDirectory(), second: new InMemoryRoomSessionDirectory(), close: async () => undefined }),
});

roomSessionDirectoryContract('Redis hash (distributed mode)', {
  shared: true,
  open: async () => {
    const key = roomSessionsKey(testKeyPrefix('livekit-directory'), 'lobby');
    // Two gateways: two connections.
    const [one, two] = [new Redis(redisUrl()), new Redis(redisUrl())];
    return {
      first: new RedisRoomSessionDirectory(one, key),
      second: new RedisRoomSessionDirectory(two, key),
      async close() {
        await one.del(key);
        await Promise.all([one.quit(), two.quit()]);
      },
    };
  },
});
