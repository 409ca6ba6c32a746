import { describeRedisAddress } from '@aside/bullmq';
import { asideCatalogue, withinDeadline } from '@aside/events';
import { RedisEventStore } from '@aside/events/store';
import { Redis } from 'ioredis';
import type { LogSourceSettings } from './aside-cli-arguments.js';
import { CliFailure } from './cli-failure.js';

const CONNECT_DEADLINE_MS = 3_000;
/** A Redis that went away must not hang the exit. */
const QUIT_DEADLINE_MS = 1_000;
const DISCONNECT_DEADLINE_MS = 200;

/**
 * The gateway's event store, opened read-only in spirit (the CLI never appends): the same
 * RedisEventStore on the same prefix, on a connection of its own so that its outages can be
 * reported and its closing bounded.
 */
export class SessionLogSource {
  readonly store: RedisEventStore;
  /** `Redis 10.0.0.5:6379, prefix aside`: where the logs are read, never the password. */
  readonly description: string;
  private readonly client: Redis;
  private lastError: string | undefined;
  private opened = false;

  constructor(
    settings: LogSourceSettings,
    /** Told once per outage while a long read (tail) waits for Redis to come back. */
    private readonly warn: (line: string) => void = () => undefined,
  ) {
    this.description = `Redis ${describeRedisAddress(settings.redisUrl)}, prefix ${settings.keyPrefix}`;
    this.client = new Redis(settings.redisUrl, {
      lazyConnect: true,
      connectTimeout: CONNECT_DEADLINE_MS,
      // A Redis that is not there at the start fails the command at once; one that goes away
      // later (a long tail) is waited for, as a gateway would.
      retryStrategy: (attempt) => (this.opened ? Math.min(attempt * 50, 2_000) : null),
      // ioredis otherwise keeps the process up 2 s after a failed connection.
      disconnectTimeout: DISCONNECT_DEADLINE_MS,
    });
    this.client.on('error', (error: Error) => {
      if (this.opened && this.lastError === undefined) this.warn(`${this.description} unreachable (${error.message}); retrying`);
      this.lastError = error.message;
    });
    this.client.on('ready', () => {
      if (this.opened && this.lastError !== undefined) this.warn(`${this.description} reachable again`);
      this.lastError = undefined;
    });
    this.store = new RedisEventStore({ connection: this.client, catalogue: asideCatalogue, keyPrefix: settings.keyPrefix });
  }

  /** Connects, and fails with one line unless Redis answers within the deadline. */
  async open(): Promise<void> {
    const connected = this.client.connect().then(() => this.client.ping()).then(
      () => 'ok' as const,
      (error: Error) => error.message,
    );
    const answer = await withinDeadline(connected, CONNECT_DEADLINE_MS);
    if (answer === 'ok') {
      this.opened = true;
      return;
    }
    // The socket's own words (ECONNREFUSED…) rather than ioredis' "Connection is closed".
    const reason = this.lastError ?? answer;
    throw new CliFailure(`${this.description} ${reason === undefined ? `did not answer within ${CONNECT_DEADLINE_MS} ms` : `is unreachable: ${reason}`}`);
  }

  /** The session log's last position; fails with "no session" when it has none. */
  async requireSession(sessionId: string): Promise<number> {
    const position = await this.store.logPosition(sessionId);
    if (position === 0) throw new CliFailure(`no session ${sessionId} in ${this.description}`);
    return position;
  }

  async close(): Promise<void> {
    await this.store.close(); // stops its subscriptions; the connection stays ours
    if (this.client.status === 'ready') await withinDeadline(this.client.quit().catch(() => undefined), QUIT_DEADLINE_MS);
    if (this.client.status !== 'end') this.client.disconnect();
  }
}
