import { AsideKeys } from '@aside/bullmq';
import { asideCatalogue, formatSessionId } from '@aside/events';
import { RedisEventStore } from '@aside/events/store';
import { eventually, ProcessRoster, testKeyPrefix, type SpawnedProcess } from '@aside/testing';
import { FakeOpenAi, GatewayProcess, releaseKey, startRunner } from '@aside/testing-deployment';
import { Redis } from 'ioredis';
import { ClientPlayout } from './client-playout.js';
import { OwnerClient } from './owner-client.js';
import { RedisHost } from './redis-host.js';

/** Two of each: one gateway owns the partition while the other stands by; a runner dies, the other carries on. */
const GATEWAYS = 2;
const RUNNERS = 2;
/** A takeover after a gateway died, or after Redis came back, is a lease TTL (1 s) plus a renewal round; a slow boot on a loaded machine more. */
const OWNER_TIMEOUT_MS = 20_000;
/** Booting a process from the sources takes seconds; on a machine busy with other work, many more. */
const BOOT_TIMEOUT_MS = 45_000;
/** How much of each process's output a failure detail shows. */
const TAIL_CHARS = 1_500;
const OWNER_PROBE = formatSessionId(0, 'ownerprobe');

/**
 * The long-lived deployment the fault scenarios share: the soak's own Redis (AOF), a fake model,
 * two gateway processes on one partition with a one-second lease — the owner and a standby —
 * and two runner processes serving the fixture tool, all started from the sources. A scenario
 * kills and respawns only its victim; `heal()` brings the counts back between scenarios.
 * Everything runs on loopback, under a fresh key prefix.
 */
export class FaultDeployment {
  private readonly roster = new ProcessRoster();
  private readonly liveGateways: GatewayProcess[] = [];
  private readonly everyGateway: GatewayProcess[] = [];
  private readonly liveRunners: SpawnedProcess[] = [];
  /** The last two victims, whose output tails a failure detail shows too. */
  private lastVictims: SpawnedProcess[] = [];
  private spawned = 0;
  /** The API of whichever gateway owns the partition now, following it through takeovers. */
  readonly client = new OwnerClient(() => this.leaseHolder());
  /** The voice front end of the sessions with client playout. */
  readonly playout: ClientPlayout;

  private constructor(
    readonly prefix: string,
    readonly redis: RedisHost,
    readonly llm: FakeOpenAi,
    /** The checker's reader and the test's writer (release keys, injected reports), on their own connections. */
    readonly store: RedisEventStore,
    readonly commands: Redis,
    private readonly storeConnection: Redis,
  ) {
    this.playout = new ClientPlayout(store, this.client);
  }

  static async start(): Promise<FaultDeployment> {
    const redis = await RedisHost.start();
    const llm = await FakeOpenAi.start();
    // The test side keeps retrying through a Redis restart (ioredis queues commands meanwhile).
    const commands = new Redis(redis.url);
    commands.on('error', () => undefined);
    const storeConnection = new Redis(redis.url);
    storeConnection.on('error', () => undefined);
    const prefix = testKeyPrefix('soak');
    const store = new RedisEventStore({ connection: storeConnection, catalogue: asideCatalogue, keyPrefix: prefix });
    const deployment = new FaultDeployment(prefix, redis, llm, store, commands, storeConnection);
    try {
      await deployment.heal();
      return deployment;
    } catch (error) {
      await deployment.close();
      throw error;
    }
  }

  get keys(): AsideKeys {
    return new AsideKeys(this.prefix);
  }

  /** Every gateway spawned so far, dead or alive (who wrote what in a log). */
  get allGateways(): readonly GatewayProcess[] {
    return this.everyGateway;
  }

  get runners(): readonly SpawnedProcess[] {
    return this.liveRunners;
  }

  /**
   * The processes that exited without being killed (a gateway or runner must survive every
   * fault it is not the victim of), each reported once.
   */
  unexpectedExits(): SpawnedProcess[] {
    const gone = [...this.liveGateways.map((gateway) => gateway.process), ...this.liveRunners].filter((child) => child.hasExited);
    for (const child of gone) this.forget(child);
    return gone;
  }

  /** Back to two gateways (one of them owning the partition) and two runners, whatever a scenario left. */
  async heal(): Promise<void> {
    const alive = (children: readonly SpawnedProcess[]) => children.filter((child) => !child.hasExited).length;
    await Promise.all([
      ...Array.from({ length: GATEWAYS - alive(this.liveGateways.map((gateway) => gateway.process)) }, () => this.spawnGateway()),
      ...Array.from({ length: RUNNERS - alive(this.liveRunners) }, () => this.spawnRunner()),
    ]);
    await this.owner();
  }

  /** A new gateway process (a fresh name: it is also its path on the fake model), once it serves HTTP. */
  async spawnGateway(): Promise<GatewayProcess> {
    const gateway = await GatewayProcess.spawn(this.roster, { name: `gw-${++this.spawned}`, redisUrl: this.redis.url, prefix: this.prefix, llm: this.llm });
    this.liveGateways.push(gateway);
    this.everyGateway.push(gateway);
    try {
      await gateway.ready(BOOT_TIMEOUT_MS);
    } catch (error) {
      await this.kill(gateway.process); // half-started: never a third gateway later
      throw error;
    }
    return gateway;
  }

  /** A new runner process, once it takes jobs. */
  async spawnRunner(): Promise<SpawnedProcess> {
    const name = `runner-${++this.spawned}`;
    try {
      const runner = await startRunner(this.roster, { name, redisUrl: this.redis.url, prefix: this.prefix, bootTimeoutMs: BOOT_TIMEOUT_MS });
      this.liveRunners.push(runner);
      return runner;
    } catch (error) {
      // Half-started: never a third runner taking jobs later.
      await Promise.all(this.roster.processes.filter((child) => child.name === name).map((child) => child.kill()));
      throw error;
    }
  }

  /** kill -9, and its exit. */
  async kill(victim: SpawnedProcess): Promise<void> {
    this.forget(victim);
    this.lastVictims = [...this.lastVictims, victim].slice(-2);
    await victim.kill();
  }

  /** The gateway the partition's lease names, if it is one of ours and alive. */
  async leaseHolder(): Promise<GatewayProcess | undefined> {
    const url = await this.commands.hget(this.keys.lease(0), 'url');
    return this.liveGateways.find((gateway) => gateway.url === url);
  }

  /** Waits until a live gateway owns the partition and serves it; resolves with that gateway. */
  owner(): Promise<GatewayProcess> {
    return eventually(
      'a gateway owning the partition',
      async () => {
        const holder = await this.leaseHolder();
        // A session nobody created: its owner answers 404, any other gateway a redirect or a 503.
        return holder !== undefined && (await holder.client.request('GET', `/v1/sessions/${OWNER_PROBE}`).catch(() => undefined))?.status === 404 && holder;
      },
      { timeoutMs: OWNER_TIMEOUT_MS, detail: () => this.describe() },
    );
  }

  /** Lets these tasks' bodies return, whichever attempt runs them. */
  async release(taskIds: readonly string[]): Promise<void> {
    if (taskIds.length > 0) await this.commands.mset(Object.fromEntries(taskIds.map((taskId) => [releaseKey(this.prefix, taskId), 'go'])));
  }

  /** The output tails of the live processes and of the last victims, for failure details. */
  describe(): string {
    return [...this.liveGateways.map((gateway) => gateway.process), ...this.liveRunners, ...this.lastVictims].map((child) => child.describe(TAIL_CHARS)).join('\n');
  }

  async close(): Promise<void> {
    await this.playout.close();
    await this.roster.killAll();
    await this.llm.close();
    this.commands.disconnect();
    await this.store.close();
    this.storeConnection.disconnect();
    await this.redis.stop();
  }

  private forget(victim: SpawnedProcess): void {
    const gateway = this.liveGateways.findIndex((candidate) => candidate.process === victim);
    if (gateway >= 0) this.liveGateways.splice(gateway, 1);
    const runner = this.liveRunners.indexOf(victim);
    if (runner >= 0) this.liveRunners.splice(runner, 1);
  }
}
