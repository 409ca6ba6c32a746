import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { tool, type ToolContext } from '@aside/domain';
import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { ToolRunnerModule } from '../../src/tool-runner/tool-runner.module.js';
import { ToolRunnerService } from '../../src/tool-runner/tool-runner.service.js';
import { toolCatalogueKey } from '../../src/tool-runner/tool-catalogue.js';
import { Tool } from '../../src/tool-runner/tool.decorator.js';
import { startHttpApp } from '../../src/http/start-http-app.js';
import { RunnerWorld, stopRedis, testRedisUrl } from './runner-world.js';

const GREETING = Symbol('greeting');

@Injectable()
class FlightTools {
  readonly seen: { args: unknown; ctx: ToolContext; self: unknown }[] = [];

  constructor(@Inject(GREETING) private readonly greeting: string) {}

  @Tool({
    name: 'search_flights',
    description: 'Search flights to a city.',
    parameters: z.object({ destination: z.string().describe('City name'), stops: z.number().int().default(1) }),
    timeoutMs: 60_000,
    retries: 2,
    delivery: 'interrupt',
    onDuplicate: 'replace',
  })
  async search(args: { destination: string; stops: number }, ctx: ToolContext): Promise<string> {
    this.seen.push({ args, ctx, self: this });
    await ctx.update(`searching flights to ${args.destination}`);
    return `${this.greeting}: TP 1234 to ${args.destination}`;
  }

  notATool(): string {
    return 'ignored';
  }
}

const lookupAirport = tool({
  name: 'lookup_airport',
  description: 'The IATA code of a city.',
  parameters: z.object({ city: z.string() }),
  cancellable: false,
  execute: ({ city }) => (city === 'Lisbon' ? 'LIS' : 'unknown'),
});

@Injectable()
class ClashingTools {
  @Tool({ name: 'lookup_airport', description: 'Another lookup.', parameters: z.object({}) })
  lookup(): string {
    return 'clash';
  }
}

describe('ToolRunnerModule', () => {
  let url: string;
  let world: RunnerWorld;

  beforeAll(async () => {
    url = await testRedisUrl();
  });
  afterEach(async () => {
    await world?.close();
  });
  afterAll(async () => {
    await stopRedis();
  });

  it('runs a discovered @Tool() method bound to its provider, and its reports reach the gateway', async () => {
    world = new RunnerWorld(url);
    const app = await world.start([FlightTools, { provide: GREETING, useValue: 'Found' }]);
    const gateway = await world.startGateway();
    const job = world.job('search_flights', { destination: 'Lisbon', stops: 0 }, 'whatever_agent');

    await gateway.enqueue(job);
    await world.log.terminal(job.taskId);

    expect(world.log.lines(job.taskId)).toEqual(['1/0 started', '1/1 progress searching flights to Lisbon', '1/2 succeeded Found: TP 1234 to Lisbon']);
    const flights = app.get(FlightTools);
    expect(flights.seen).toHaveLength(1);
    expect(flights.seen[0]!.self).toBe(flights);
    expect(flights.seen[0]!.args).toEqual({ destination: 'Lisbon', stops: 0 });
    expect(flights.seen[0]!.ctx).toMatchObject({ taskId: job.taskId, sessionId: job.sessionId, callId: job.callId, attempt: 1 });
    expect(flights.seen[0]!.ctx.signal).toBeInstanceOf(AbortSignal);
  });

  it('serves tools given as values beside discovered ones', async () => {
    world = new RunnerWorld(url);
    const app = await world.start([FlightTools, { provide: GREETING, useValue: 'Found' }], { tools: [lookupAirport] });
    const gateway = await world.startGateway();
    const job = world.job('lookup_airport', { city: 'Lisbon' });

    await gateway.enqueue(job);
    await world.log.terminal(job.taskId);

    expect(world.log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded LIS']);
    expect(app.get(ToolRunnerService).tools.map((definition) => definition.name).sort()).toEqual(['lookup_airport', 'search_flights']);
  });

  it('writes the catalogue hash with each tool\'s JSON schema and options', async () => {
    world = new RunnerWorld(url);
    await world.start([FlightTools, { provide: GREETING, useValue: 'Found' }], { tools: [lookupAirport] });
    const redis = new Redis(url);
    try {
      const catalogue = await redis.hgetall(toolCatalogueKey(world.prefix));

      expect(Object.keys(catalogue).sort()).toEqual(['lookup_airport', 'search_flights']);
      expect(JSON.parse(catalogue['search_flights']!)).toEqual({
        name: 'search_flights',
        description: 'Search flights to a city.',
        parameters: {
          type: 'object',
          properties: { destination: { type: 'string', description: 'City name' }, stops: { type: 'integer', default: 1, minimum: expect.any(Number), maximum: expect.any(Number) } },
          required: ['destination'],
        },
        cancellable: true,
        timeoutMs: 60_000,
        retries: 2,
        delivery: 'interrupt',
        onDuplicate: { mode: 'replace', scope: 'name' },
      });
      expect(JSON.parse(catalogue['lookup_airport']!)).toMatchObject({ cancellable: false, timeoutMs: null, retries: 0, delivery: 'when_idle', onDuplicate: null });
      expect(toolCatalogueKey(world.prefix)).toBe(`${world.prefix}:tool-catalogue`);
    } finally {
      await redis.quit();
    }
  });

  it('refuses two tools with one name at boot, naming both', async () => {
    world = new RunnerWorld(url);
    await expect(world.start([ClashingTools], { tools: [lookupAirport] })).rejects.toThrow(
      'ToolRunnerModule: two tools share a name: `lookup_airport` (ToolRunnerModule tools and @Tool() ClashingTools.lookup)',
    );
  });

  it('refuses a @Tool() whose definition is invalid, as tool() would', async () => {
    @Injectable()
    class BadTools {
      @Tool({ name: '9bad', description: 'x', parameters: z.object({}) })
      bad(): string {
        return '';
      }
    }
    world = new RunnerWorld(url);
    await expect(world.start([BadTools])).rejects.toThrow(/name must match/);
  });

  it('answers /readyz 200 while running, and closing stops the worker (jobs stay queued)', async () => {
    world = new RunnerWorld(url);
    const app = await world.start([FlightTools, { provide: GREETING, useValue: 'Found' }]);
    const base = await app.getUrl();

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { worker: 'ok', redis: 'ok' } });

    const runner = app.get(ToolRunnerService);
    await app.close();
    world.app = undefined;
    expect(await runner.readiness()).toEqual({ ready: false, checks: { worker: 'not running', redis: 'closed' } });

    // No runner left: a job enqueued now is not taken.
    const gateway = await world.startGateway();
    const job = world.job('search_flights', { destination: 'Porto', stops: 1 });
    await gateway.enqueue(job);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(world.log.lines(job.taskId)).toEqual([]);
  });

  it('is configured through forRootAsync with a factory and inject', async () => {
    world = new RunnerWorld(url);
    const CONFIG = Symbol('config');
    const { Module } = await import('@nestjs/common');
    @Module({ providers: [{ provide: CONFIG, useValue: { redisUrl: url, prefix: world.prefix } }], exports: [CONFIG] })
    class ConfigModule {}
    @Module({
      imports: [
        ToolRunnerModule.forRootAsync({
          imports: [ConfigModule],
          inject: [CONFIG],
          useFactory: (config: { redisUrl: string; prefix: string }) => ({ connection: config.redisUrl, prefix: config.prefix, tools: [lookupAirport], graceMs: 0 }),
        }),
      ],
    })
    class AsyncAppModule {}
    world.app = await startHttpApp(AsyncAppModule, { port: 0, host: '127.0.0.1' }, { logger: false });
    const gateway = await world.startGateway();
    const job = world.job('lookup_airport', { city: 'Paris' });

    await gateway.enqueue(job);
    await world.log.terminal(job.taskId);

    expect(world.log.lines(job.taskId)).toEqual(['1/0 started', '1/1 succeeded unknown']);
  });
});
