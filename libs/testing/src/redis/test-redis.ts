import { existsSync } from 'node:fs';
import { startRedisServer } from './redis-server-process.js';

export interface TestRedis {
  readonly url: string;
  readonly source: 'REDIS_URL' | 'testcontainers' | 'redis-server';
  stop(): Promise<void>;
}

/**
 * The Redis that integration tests use, in this order: REDIS_URL when set; a Testcontainers
 * container when a container engine looks present; otherwise a private `redis-server` on a free
 * loopback port. Says which in one line.
 */
export async function startTestRedis(log: (line: string) => void = (line) => console.log(line)): Promise<TestRedis> {
  const fromEnv = process.env['REDIS_URL'];
  if (fromEnv) {
    log(`[aside tests] Redis: REDIS_URL ${redactUrl(fromEnv)}`);
    return { url: fromEnv, source: 'REDIS_URL', stop: async () => undefined };
  }
  if (containerEngineLooksPresent()) {
    try {
      const { GenericContainer } = await import('testcontainers');
      const container = await new GenericContainer('redis:7.2-alpine').withExposedPorts(6379).start();
      const url = `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
      log(`[aside tests] Redis: Testcontainers ${url}`);
      return { url, source: 'testcontainers', stop: async () => void (await container.stop()) };
    } catch (error) {
      log(`[aside tests] Testcontainers unavailable (${(error as Error).message.split('\n')[0]}); falling back to redis-server`);
    }
  }
  const server = await startRedisServer();
  log(`[aside tests] Redis: private redis-server ${server.url} (pid ${server.pid})`);
  return { url: server.url, source: 'redis-server', stop: () => server.stop() };
}

function containerEngineLooksPresent(): boolean {
  return Boolean(process.env['DOCKER_HOST']) || existsSync('/var/run/docker.sock');
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable REDIS_URL>';
  }
}
