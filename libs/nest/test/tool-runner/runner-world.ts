import 'reflect-metadata';
import { BullMqTaskQueue } from '@aside/bullmq';
import type { TaskJob } from '@aside/engine';
import { ReportLog } from '@aside/engine/task-queue-contract';
import { startTestRedis, testKeyPrefix, type TestRedis } from '@aside/testing';
import type { DynamicModule, Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startHttpApp } from '../../src/http/start-http-app.js';
import { ToolRunnerModule } from '../../src/tool-runner/tool-runner.module.js';
import type { ToolRunnerModuleOptions } from '../../src/tool-runner/tool-runner.options.js';

let redis: TestRedis | undefined;

/** The Redis of these tests: REDIS_URL when set, else a private redis-server (stopped by `stopRedis`). */
export async function testRedisUrl(): Promise<string> {
  redis ??= await startTestRedis(() => undefined);
  return redis.url;
}

export async function stopRedis(): Promise<void> {
  await redis?.stop();
  redis = undefined;
}

/** A runner app on a real socket with the given providers, and a gateway-side queue on the same prefix. */
export class RunnerWorld {
  readonly prefix = testKeyPrefix('nest-runner');
  readonly log = new ReportLog();
  app: NestFastifyApplication | undefined;
  gateway: BullMqTaskQueue | undefined;
  private jobCount = 0;

  constructor(readonly url: string) {}

  appModule(providers: Provider[], options: Partial<ToolRunnerModuleOptions> = {}): DynamicModule {
    @Module({})
    class TestRunnerAppModule {}
    return {
      module: TestRunnerAppModule,
      imports: [ToolRunnerModule.forRoot({ connection: this.url, prefix: this.prefix, graceMs: 0, ...options })],
      providers,
    };
  }

  async start(providers: Provider[], options: Partial<ToolRunnerModuleOptions> = {}): Promise<NestFastifyApplication> {
    this.app = await startHttpApp(this.appModule(providers, options), { port: 0, host: '127.0.0.1' }, { logger: false });
    return this.app;
  }

  async startGateway(): Promise<BullMqTaskQueue> {
    this.gateway = new BullMqTaskQueue({ connection: this.url, prefix: this.prefix, blockMs: 100, redeliveryDelayMs: 10, closeDeadlineMs: 1_000 });
    await this.gateway.start(this.log.handler);
    return this.gateway;
  }

  job(toolName: string, args: Record<string, unknown>, agent = 'some_agent'): TaskJob {
    this.jobCount += 1;
    const callId = `call${this.jobCount}`;
    const sessionId = 'sess-0-runnertest';
    return {
      contractVersion: 1,
      taskId: `${sessionId}-${callId}`,
      sessionId,
      callId,
      activityId: 'a1',
      agent,
      toolName,
      toolsetId: null,
      arguments: args as TaskJob['arguments'],
      timeoutMs: null,
      retries: 0,
    };
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.gateway?.close();
  }
}
