/** The test Redis: the Jest global setup starts one (or uses REDIS_URL) and publishes its URL. */
export function redisUrl(): string {
  const url = process.env['REDIS_URL'];
  if (url === undefined) throw new Error('REDIS_URL is not set: the Jest global setup starts Redis');
  return url;
}
