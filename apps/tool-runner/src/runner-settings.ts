export interface RunnerSettings {
  /** Where the queue, the inboxes and the tool catalogue live. */
  readonly redisUrl: string;
}

/** The runner's own settings from the environment; a missing or malformed one fails with one clear line. */
export function readRunnerSettings(env: NodeJS.ProcessEnv): RunnerSettings {
  const redisUrl = env['REDIS_URL'];
  if (redisUrl === undefined || redisUrl.trim() === '') throw new Error('REDIS_URL is required (e.g. redis://localhost:6379)');
  let url: URL;
  try {
    url = new URL(redisUrl);
  } catch {
    throw new Error('REDIS_URL is not a URL (expected redis://host:port or rediss://host:port)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`REDIS_URL must use redis:// or rediss://, not ${url.protocol}//`);
  if (url.hostname === '') throw new Error('REDIS_URL has no host (expected redis://host:port)');
  const db = url.pathname.length > 1 ? url.pathname.slice(1) : undefined;
  if (db !== undefined && !/^\d+$/.test(db)) throw new Error('REDIS_URL database must be a number (redis://host:port/<db>)');
  return { redisUrl };
}
