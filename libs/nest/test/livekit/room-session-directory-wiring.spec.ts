import { afterAll, describe, expect, it } from '@jest/globals';
import { testKeyPrefix } from '@aside/testing';
import { Redis } from 'ioredis';
import { distributedAdapters } from '../../src/gateway/distributed-adapters.js';

const redisUrl = (): string => {
  const url = process.env['REDIS_URL'];
  if (url === undefined) throw new Error('REDIS_URL is not set: the Jest global setup starts Redis');
  return url;
};

describe("distributed mode's LiveKit room directory", () => {
  const prefix = testKeyPrefix('livekit-wiring');
  const inspector = new Redis(redisUrl());
  afterAll(async () => {
    await inspector.del(`${prefix}:livekit:lobby:sessions`);
    await inspector.quit();
  });

  it("keeps each user's session in the hash <prefix>:livekit:<room>:sessions, seen by every gateway", async () => {
    const one = distributedAdapters({ connection: redisUrl(), prefix }, 'gateway-one');
    const two = distributedAdapters({ connection: redisUrl(), prefix }, 'gateway-two');
    try {
      await one.roomSessionDirectory('lobby').remember('alice', 'sess-0-abc');
      expect(await inspector.hgetall(`${prefix}:livekit:lobby:sessions`)).toEqual({ alice: 'sess-0-abc' });
      expect(await two.roomSessionDirectory('lobby').find('alice')).toBe('sess-0-abc');
      expect(await two.roomSessionDirectory('other-room').find('alice')).toBeUndefined();
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
