// Global setup for every Jest project that needs Redis. It runs in the Jest parent process
// once per project; the first starts Redis (REDIS_URL, Testcontainers, or a private
// redis-server) and publishes REDIS_URL to the workers, the others find it running.
import { registerTypeScriptSourceHooks } from '../node/typescript-source-hooks.js';

export default async function redisGlobalSetup() {
  if (globalThis.asideTestRedis) return;
  registerTypeScriptSourceHooks();
  const { startTestRedis } = await import('../../libs/testing/src/redis/test-redis.ts');
  globalThis.asideTestRedis = await startTestRedis();
  process.env.REDIS_URL = globalThis.asideTestRedis.url;
}
