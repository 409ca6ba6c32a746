import type { ToolLogger } from '@aside/domain';
import { errorFields, noopLogger, type OwnershipListener, type PartitionOwner, type PartitionOwnership } from '@aside/engine';
import type { FencingToken } from '@aside/events/store';
import type { Redis } from 'ioredis';
import { AsideKeys } from '../redis/aside-keys.js';
import { scripts } from '../redis/lua-script.js';
import { closeConnection, connect, withDeadline, type RedisConnection } from '../redis/redis-connection.js';

export interface RedisPartitionLeasesOptions {
  readonly connection: RedisConnection;
  /** Shared by every gateway and runner of the deployment. */
  readonly prefix: string;
  /** How many partitions session ids spread over (P); every gateway must agree. */
  readonly partitions: number;
  /** Unique among live gateways. */
  readonly gatewayId: string;
  /** Where clients reach this gateway, for redirects from the others. */
  readonly url?: string;
  /** A lease not renewed for this long may be taken over. Default 10 s. */
  readonly leaseTtlMs?: number;
  /** How often leases are renewed and free partitions looked for. Default a third of the TTL. */
  readonly renewEveryMs?: number;
  readonly logger?: ToolLogger;
}

interface Held {
  readonly epoch: number;
  /** Monotonic time (performance.now) until which the lease is surely still ours. */
  validUntil: number;
}

/**
 * Partition ownership through Redis leases with fencing epochs (DESIGN.md §4). Each gateway
 * heartbeats its membership, renews what it holds, and takes free partitions up to its fair
 * share (P ÷ live gateways, rounded up), releasing any surplus so a newcomer gets its share.
 *
 * A lease counts as ours only until the TTL measured from the *start* of its last successful
 * renewal: a gateway paused past that (SIGSTOP, a long GC) stops appending by itself, and the
 * store's fencing check refuses whatever was already in flight once the successor fenced it.
 */
export class RedisPartitionLeases implements PartitionOwnership {
  private readonly keys: AsideKeys;
  private readonly redis: Redis;
  private readonly ttlMs: number;
  private readonly logger: ToolLogger;
  private readonly held = new Map<number, Held>();
  private listener: OwnershipListener | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Every change of ownership runs on this chain, so gains and losses never interleave. */
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: RedisPartitionLeasesOptions) {
    if (!Number.isInteger(options.partitions) || options.partitions < 1) throw new Error(`partitions must be a positive integer, got ${options.partitions}`);
    this.keys = new AsideKeys(options.prefix);
    // No offline queue: a renewal while Redis is unreachable must fail at once (the lease then
    // lapses locally), never wait and land late; connected in `start`.
    this.redis = connect(options.connection, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined); // surfaced by the failing round's log line
    this.ttlMs = options.leaseTtlMs ?? 10_000;
    this.logger = options.logger ?? noopLogger;
  }

  get partitionCount(): number {
    return this.options.partitions;
  }

  async start(listener: OwnershipListener): Promise<void> {
    if (this.listener !== undefined) throw new Error('Partition leases were already started');
    this.listener = listener;
    await this.redis.connect();
    await this.serially(() => this.balance());
    this.timer = setInterval(() => void this.serially(() => this.balance()), this.options.renewEveryMs ?? Math.floor(this.ttlMs / 3));
  }

  tokenFor(partition: number): FencingToken | undefined {
    const held = this.held.get(partition);
    return held !== undefined && performance.now() < held.validUntil ? { partition, epoch: held.epoch } : undefined;
  }

  owned(): readonly number[] {
    return [...this.held.keys()].filter((partition) => this.tokenFor(partition) !== undefined).sort((a, b) => a - b);
  }

  async ownerOf(partition: number): Promise<PartitionOwner | undefined> {
    const [owner, url] = await this.redis.hmget(this.keys.lease(partition), 'owner', 'url');
    return owner ? { gatewayId: owner, url: url || undefined } : undefined;
  }

  fenced(partition: number): Promise<void> {
    return this.serially(() => this.lose(partition, 'fenced by a newer owner'));
  }

  async trackSession(sessionId: string, partition: number): Promise<void> {
    await this.redis.sadd(this.keys.partitionSessions(partition), sessionId);
  }

  async untrackSession(sessionId: string, partition: number): Promise<void> {
    await this.redis.srem(this.keys.partitionSessions(partition), sessionId);
  }

  async sessionsOf(partition: number): Promise<readonly string[]> {
    return this.redis.smembers(this.keys.partitionSessions(partition));
  }

  /** Hands every partition over: the listener lets go first, then the leases are released for the next gateway. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const handover = this.serially(async () => {
      for (const partition of [...this.held.keys()]) await this.release(partition);
      await this.redis.zrem(this.keys.gateways(), this.options.gatewayId).catch(() => undefined);
    });
    // With Redis gone the leases cannot be released: they expire by themselves.
    if (!(await withDeadline(handover, this.ttlMs))) this.logger.warn('Partition handover did not finish; the leases will expire instead');
    await closeConnection(this.redis);
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((error: unknown) => this.logger.error('Partition lease round failed', errorFields(error)));
    this.chain = next;
    return next;
  }

  /** One round: heartbeat, renew, then shed a surplus or take free partitions up to the fair share. */
  private async balance(): Promise<void> {
    if (this.closed) return;
    const members = Number(await scripts.gatewayHeartbeat.run(this.redis, [this.keys.gateways()], [this.options.gatewayId, this.ttlMs]));
    for (const partition of [...this.held.keys()]) await this.renew(partition);
    const share = Math.ceil(this.options.partitions / Math.max(1, members));
    for (const partition of [...this.held.keys()].sort((a, b) => b - a).slice(0, Math.max(0, this.held.size - share))) {
      await this.release(partition);
    }
    for (const partition of this.candidates()) {
      if (this.held.size >= share || this.closed) break;
      await this.acquire(partition);
    }
  }

  /** Unheld partitions, starting at a place derived from the gateway id, so gateways spread out. */
  private candidates(): number[] {
    const total = this.options.partitions;
    let offset = 0;
    for (const char of this.options.gatewayId) offset = (offset * 31 + char.charCodeAt(0)) % total;
    return Array.from({ length: total }, (_, i) => (offset + i) % total).filter((partition) => !this.held.has(partition));
  }

  private async acquire(partition: number): Promise<void> {
    const startedAt = performance.now();
    const reply = (await scripts.leaseAcquire.run(this.redis, [this.keys.lease(partition), this.keys.leaseEpoch(partition)], [this.options.gatewayId, this.ttlMs, this.options.url ?? ''])) as [string, string | number];
    if (reply[0] !== 'ok') return;
    const epoch = Number(reply[1]);
    this.held.set(partition, { epoch, validUntil: startedAt + this.ttlMs });
    this.logger.info('Acquired partition', { partition, epoch });
    try {
      await this.listener!.acquired(partition, { partition, epoch });
    } catch (error) {
      this.logger.error('Could not take a partition over; releasing it', { partition, ...errorFields(error) });
      await this.release(partition);
    }
  }

  private async renew(partition: number): Promise<void> {
    const held = this.held.get(partition)!;
    const startedAt = performance.now();
    const reply = (await scripts.leaseRenew.run(this.redis, [this.keys.lease(partition)], [this.options.gatewayId, held.epoch, this.ttlMs])) as [string, string?];
    if (reply[0] === 'ok') held.validUntil = startedAt + this.ttlMs;
    else await this.lose(partition, reply[1] ? `taken over by ${reply[1]}` : 'the lease expired');
  }

  private async release(partition: number): Promise<void> {
    const held = this.held.get(partition);
    if (held === undefined) return;
    await this.lose(partition, 'handed over');
    await scripts.leaseRelease.run(this.redis, [this.keys.lease(partition)], [this.options.gatewayId, held.epoch]).catch((error: unknown) => {
      this.logger.warn('Could not release a lease; it will expire', { partition, ...errorFields(error) });
    });
  }

  private async lose(partition: number, why: string): Promise<void> {
    if (!this.held.delete(partition)) return;
    this.logger.warn('Lost partition', { partition, why });
    await this.listener!.lost(partition);
  }
}
