import type { Redis } from 'ioredis';

export interface CommitNoticesOptions {
  /** The connection the subscriber connection is duplicated from. */
  readonly source: Redis;
  readonly connectionName: string;
  /** How often the subscriber connection must answer a PING; one that does not is reconnected. */
  readonly heartbeatMs: number;
}

/**
 * Hears the commit notices `append.lua` publishes, on one subscriber connection for every
 * followed session: following a thousand sessions costs one socket and, per commit, one
 * message — nothing per idle session. Pub/sub forgets what it could not deliver, so after every
 * reconnect each listener is called once to read what it may have missed; a connection that
 * stops answering its heartbeat is dropped and reconnected the same way.
 */
export class CommitNotices {
  private readonly connection: Redis;
  private readonly listeners = new Map<string, () => void>();
  private readonly heartbeat: NodeJS.Timeout;
  private connectedBefore = false;
  /** Settles once the first connection is up: subscribing before that trips ioredis. */
  private readonly connected: Promise<void>;

  constructor(private readonly options: CommitNoticesOptions) {
    // No ready check (its INFO is refused once the connection is in subscriber mode) and an
    // explicit connect, awaited before the first SUBSCRIBE.
    this.connection = options.source.duplicate({ connectionName: options.connectionName, enableReadyCheck: false, lazyConnect: true });
    this.connected = this.connection.connect().catch(() => undefined);
    this.connection.on('message', (channel: string) => this.listeners.get(channel)?.());
    // Errors while Redis is away are expected: ioredis reconnects, and 'ready' re-reads.
    this.connection.on('error', () => undefined);
    this.connection.on('ready', () => void this.afterConnect());
    this.heartbeat = setInterval(() => void this.checkAlive(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Calls `listener` on every notice of the channel; resolves once the server confirmed the subscription. */
  async listen(channel: string, listener: () => void): Promise<void> {
    this.listeners.set(channel, listener);
    await this.connected;
    await this.connection.subscribe(channel);
  }

  async stop(channel: string, listener: () => void): Promise<void> {
    if (this.listeners.get(channel) !== listener) return;
    this.listeners.delete(channel);
    await this.connection.unsubscribe(channel).catch(() => undefined);
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.listeners.clear();
    if (this.connection.status !== 'end') this.connection.disconnect();
  }

  private async afterConnect(): Promise<void> {
    if (!this.connectedBefore) {
      this.connectedBefore = true;
      return;
    }
    // ioredis re-subscribes on reconnect; a PING answered after those commands means the
    // subscriptions are back, so a read started now misses nothing published from here on.
    try {
      await this.connection.ping();
    } catch {
      return; // Dropped again: the next 'ready' comes back here.
    }
    for (const listener of [...this.listeners.values()]) listener();
  }

  private async checkAlive(): Promise<void> {
    if (this.connection.status !== 'ready') return;
    const answered = await Promise.race([
      this.connection.ping().then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), this.options.heartbeatMs).unref()),
    ]);
    if (!answered && this.connection.status === 'ready') this.connection.disconnect(true);
  }
}
