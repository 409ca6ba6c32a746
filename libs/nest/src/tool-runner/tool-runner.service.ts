import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { AnyToolDefinition, LogFields, ToolLogger } from '@aside/domain';
import { ToolRunnerWorker } from '@aside/bullmq';
import { Redis } from 'ioredis';
import { RunnerMetrics } from '../metrics/runner/runner-metrics.js';
import { publishToolCatalogue } from './tool-catalogue.js';
import { ToolExplorer, toolsByName } from './tool-explorer.js';
import { DEFAULT_GRACE_MS, DEFAULT_RUNNER_PREFIX, TOOL_RUNNER_OPTIONS, type ToolRunnerModuleOptions } from './tool-runner.options.js';

export interface ToolRunnerReadiness {
  readonly ready: boolean;
  readonly checks: { readonly worker: string; readonly redis: string };
}

const PING_DEADLINE_MS = 1_000;

/**
 * The runner's lifecycle in a Nest application: collects the tools at module init (refusing two
 * with one name), publishes the catalogue and starts the `ToolRunnerWorker` at bootstrap, and
 * closes it with the grace period at shutdown (SIGTERM through `enableShutdownHooks`).
 */
@Injectable()
export class ToolRunnerService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ToolRunner');
  private byName: ReadonlyMap<string, AnyToolDefinition> = new Map();
  private worker: ToolRunnerWorker | undefined;
  private redis: Redis | undefined;
  private running = false;
  private closing: Promise<void> | undefined;

  constructor(
    @Inject(TOOL_RUNNER_OPTIONS) private readonly options: ToolRunnerModuleOptions,
    @Inject(ToolExplorer) private readonly explorer: ToolExplorer,
    @Optional() @Inject(RunnerMetrics) private readonly metrics?: RunnerMetrics,
  ) {}

  /** The tools this runner serves. */
  get tools(): readonly AnyToolDefinition[] {
    return [...this.byName.values()];
  }

  get prefix(): string {
    return this.options.prefix ?? DEFAULT_RUNNER_PREFIX;
  }

  onModuleInit(): void {
    const given = (this.options.tools ?? []).map((definition) => ({ definition, source: 'ToolRunnerModule tools' }));
    this.byName = toolsByName([...given, ...this.explorer.explore()]);
  }

  async onApplicationBootstrap(): Promise<void> {
    const connection = this.options.connection;
    this.redis = typeof connection === 'string' ? new Redis(connection) : new Redis({ ...connection });
    this.redis.on('error', (error) => this.logger.warn(`Redis: ${error.message}`));
    await publishToolCatalogue(this.redis, this.prefix, this.tools);
    this.worker = new ToolRunnerWorker({
      connection: this.options.connection,
      prefix: this.prefix,
      resolveTool: (job) => this.byName.get(job.toolName), // by name, whatever agent asked
      logger: nestToolLogger(this.logger),
      ...(this.metrics ? { observer: this.metrics.observer([...this.byName.keys()]) } : {}),
      ...(this.options.queueName !== undefined ? { queueName: this.options.queueName } : {}),
      ...(this.options.concurrency !== undefined ? { concurrency: this.options.concurrency } : {}),
      ...(this.options.lockDurationMs !== undefined ? { lockDurationMs: this.options.lockDurationMs } : {}),
      ...(this.options.stalledIntervalMs !== undefined ? { stalledIntervalMs: this.options.stalledIntervalMs } : {}),
      ...(this.options.maxStalledCount !== undefined ? { maxStalledCount: this.options.maxStalledCount } : {}),
    });
    await this.worker.start();
    this.running = true;
    this.logger.log(`Serving ${this.byName.size} tool(s): ${[...this.byName.keys()].join(', ') || '(none)'}`);
  }

  /** Not ready from the moment shutdown begins. */
  beforeApplicationShutdown(): void {
    this.running = false;
  }

  onApplicationShutdown(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /** Ready when the worker takes jobs and Redis answers a PING within a second. */
  async readiness(): Promise<ToolRunnerReadiness> {
    const worker = this.running ? 'ok' : 'not running';
    const redis = await this.pingRedis();
    return { ready: worker === 'ok' && redis === 'ok', checks: { worker, redis } };
  }

  private async pingRedis(): Promise<string> {
    if (this.closing !== undefined) return 'closed';
    if (this.redis === undefined || this.redis.status === 'end') return 'not connected';
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('no answer'), PING_DEADLINE_MS)));
      return await Promise.race([this.redis.ping().then((answer) => (answer === 'PONG' ? 'ok' : `unexpected ${answer}`)), timeout]);
    } catch (error) {
      // /readyz is open to anyone: the detail (hosts, ports) goes to the log only.
      this.logger.warn(`Redis readiness check failed: ${(error as Error).message}`);
      return 'unreachable';
    } finally {
      clearTimeout(timer);
    }
  }

  private async shutDown(): Promise<void> {
    this.running = false;
    await this.worker?.close(this.options.graceMs ?? DEFAULT_GRACE_MS);
    if (this.redis !== undefined) {
      // QUIT, but a Redis that went away must not hang the shutdown.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.redis.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, PING_DEADLINE_MS)))]);
      clearTimeout(timer);
      this.redis.disconnect();
    }
  }
}

/** The worker's lines with their fields as JSON properties (pino when LoggingModule is loaded), not folded into the message. */
function nestToolLogger(logger: Logger): ToolLogger {
  const write = (level: 'debug' | 'log' | 'warn' | 'error') => (message: string, fields?: LogFields) =>
    fields && Object.keys(fields).length > 0 ? logger[level]({ ...fields }, message) : logger[level](message);
  return { debug: write('debug'), info: write('log'), warn: write('warn'), error: write('error') };
}
