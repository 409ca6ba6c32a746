// Test support shared by every project: real Redis for integration tests, never a mock, and
// real spawned processes (gateways, runners) for the multi-process acceptance tests.
export { freePort } from './redis/free-port.js';
export { startRedisServer } from './redis/redis-server-process.js';
export type { RedisServerOptions, RedisServerProcess } from './redis/redis-server-process.js';
export { redactUrl, startTestRedis } from './redis/test-redis.js';
export type { TestRedis } from './redis/test-redis.js';
export { testKeyPrefix } from './redis/test-key-prefix.js';
export { deleteKeysMatching } from './redis/delete-keys.js';
export * from './processes/index.js';
