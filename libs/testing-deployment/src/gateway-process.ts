import { freePort, waitUntilServing, type ProcessRoster, type SpawnedProcess } from '@aside/testing';
import type { FakeOpenAi } from './fake-openai.js';
import { FIXTURE_AGENTS } from './fixtures/fixture-modules.js';
import { SessionsClient } from './sessions-client.js';

const CLI = 'apps/agent-gateway/src/cli.ts';
/** Short, so a silent owner loses its partition in about a second (the minimum is 500 ms). */
const LEASE_TTL_MS = 1_000;

export interface GatewaySpawn {
  /** Also its path on the fake model (`[<name>]` in every text it makes the model say). */
  readonly name: string;
  readonly redisUrl: string;
  readonly prefix: string;
  readonly llm: FakeOpenAi;
  /** `ASIDE_FAULT_POINT` (a `FaultPoint` of @aside/engine): where the process kills itself. */
  readonly faultPoint?: string;
  /** Default LEASE_TTL_MS. */
  readonly leaseTtlMs?: number;
}

/** A partition lease change, as the gateway logged it. */
export interface LeaseLine {
  readonly partition: number;
  readonly epoch?: number;
  readonly why?: string;
}

/**
 * One real `aside-gateway` process in distributed mode (`--agents` the fixture agents, one
 * partition, a one-second lease), started from the TypeScript sources as a user starts it. Its
 * port is chosen up front so that it can advertise its URL for the others' redirects.
 */
export class GatewayProcess {
  readonly client: SessionsClient;

  private constructor(
    readonly process: SpawnedProcess,
    readonly url: string,
  ) {
    this.client = new SessionsClient(url);
  }

  static async spawn(roster: ProcessRoster, options: GatewaySpawn): Promise<GatewayProcess> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      REDIS_URL: options.redisUrl,
      ASIDE_PREFIX: options.prefix,
      ASIDE_PARTITIONS: '1',
      ASIDE_LEASE_TTL_MS: String(options.leaseTtlMs ?? LEASE_TTL_MS),
      ASIDE_ADVERTISED_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPENAI_API_KEY: 'fake-key',
      OPENAI_BASE_URL: options.llm.baseUrlFor(options.name),
      OPENAI_MODEL: 'fake-model',
      ASIDE_API_TOKENS: '',
      ASIDE_FAULT_POINT: options.faultPoint ?? '',
      LOG_LEVEL: 'info',
    };
    const child = roster.spawn({ name: options.name, entry: CLI, args: ['--agents', FIXTURE_AGENTS], env });
    return new GatewayProcess(child, url);
  }

  get name(): string {
    return this.process.name;
  }

  get pid(): number {
    return this.process.pid;
  }

  /** Listening, and its event store answers. Owning a partition is another matter: `acquired()`. */
  async ready(timeoutMs?: number): Promise<void> {
    await waitUntilServing(this.process, 'agent-gateway', timeoutMs);
  }

  /** Resolves once it logs that it acquired partition 0 (looking at lines from `from` on). */
  async acquired(options: { readonly from?: number; readonly timeoutMs?: number } = {}): Promise<LeaseLine> {
    return this.leaseLine('Acquired partition', options);
  }

  /** Resolves once it logs that it lost partition 0, with why. */
  async lost(options: { readonly from?: number; readonly timeoutMs?: number } = {}): Promise<LeaseLine> {
    return this.leaseLine('Lost partition', options);
  }

  /** Whether an event's actor is this process: a gateway's id is `<host>-<pid>-<6 hex>`. */
  isActor(actor: { readonly kind: string; readonly id: string }): boolean {
    return actor.kind === 'gateway' && new RegExp(`-${this.pid}-[0-9a-f]{6}$`).test(actor.id);
  }

  private async leaseLine(message: string, options: { readonly from?: number; readonly timeoutMs?: number }): Promise<LeaseLine> {
    const match = await this.process.waitForLine(new RegExp(`"msg":"${message}"`), options);
    const { partition, epoch, why } = JSON.parse(match.input) as LeaseLine;
    return { partition, ...(epoch === undefined ? {} : { epoch }), ...(why === undefined ? {} : { why }) };
  }
}
