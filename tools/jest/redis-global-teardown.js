// Stops the Redis the global setup started; a REDIS_URL given from outside is left alone.
export default async function redisGlobalTeardown() {
  const redis = globalThis.asideTestRedis;
  if (!redis) return;
  globalThis.asideTestRedis = undefined;
  if (redis.source !== 'REDIS_URL') delete process.env.REDIS_URL;
  await redis.stop();
}
