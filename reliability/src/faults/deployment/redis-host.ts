import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServerProcess } from '@aside/testing';
import { Redis } from 'ioredis';

export type AppendFsync = 'everysec' | 'always';

/**
 * The soak's own `redis-server` on loopback, persisting to an append-only file in its own
 * directory (as the compose file runs Redis: AOF, `noeviction`), that a scenario can stop —
 * cleanly with SHUTDOWN, or with kill -9 — and start again on the same port and directory, so the
 * gateways and runners reconnect to what the AOF kept. Never the shared Redis.
 */
export class RedisHost {
  private constructor(
    private server: RedisServerProcess,
    private readonly dir: string,
    private appendFsync: AppendFsync,
  ) {}

  static async start(appendFsync: AppendFsync = 'everysec'): Promise<RedisHost> {
    const dir = mkdtempSync(join(tmpdir(), 'aside-soak-redis-'));
    try {
      return new RedisHost(await startRedisServer({ dir, args: argsFor(appendFsync) }), dir, appendFsync);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get url(): string {
    return this.server.url;
  }

  get pid(): number {
    return this.server.pid;
  }

  /** Changes the fsync policy now (CONFIG SET) and for every restart. */
  async setAppendFsync(appendFsync: AppendFsync): Promise<void> {
    await this.withClient((client) => client.config('SET', 'appendfsync', appendFsync));
    this.appendFsync = appendFsync;
  }

  /** SHUTDOWN: Redis flushes the AOF and exits. Resolves once the process is gone. */
  async shutDown(): Promise<void> {
    // The server closes the connection instead of answering: the command's rejection is the expected outcome.
    await this.withClient((client) => client.call('SHUTDOWN').catch(() => undefined));
    await this.server.exited;
  }

  /** kill -9: no final fsync; what the AOF holds is what `appendfsync` had flushed. */
  async crash(): Promise<void> {
    await this.server.kill();
  }

  /** Starts Redis again on the same port and directory; resolves once it loaded the AOF and answers. */
  async restart(): Promise<void> {
    this.server = await startRedisServer({ port: this.server.port, dir: this.dir, args: argsFor(this.appendFsync) });
  }

  async stop(): Promise<void> {
    await this.server.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async withClient<T>(work: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.server.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      return await work(client);
    } finally {
      client.disconnect();
    }
  }
}

function argsFor(appendFsync: AppendFsync): string[] {
  return ['--appendonly', 'yes', '--appendfsync', appendFsync, '--maxmemory-policy', 'noeviction'];
}
