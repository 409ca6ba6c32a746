import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ToolRunnerWorker } from '@aside/bullmq';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { createGateway, publishToolCatalogue, startHttpApp } from '@aside/nest';
import { eventually, freePort, startRedisServer, testKeyPrefix, type RedisServerProcess } from '@aside/testing';
import { Redis } from 'ioredis';
import { GatewayAppModule } from '../src/gateway-app.module.js';
import { scenarioAgents, weather } from './scenarios/scenario-agents.js';

/**
 * The gateway app in distributed mode, as the CLI composes it: the module's own wiring of the
 * Redis store and the BullMQ queue, with a runner beside it. A private Redis, so that its
 * client list and its stopping concern this file alone.
 */
describe('agent-gateway app in distributed mode', () => {
  let server: RedisServerProcess;
  let inspector: Redis;
  let app: NestFastifyApplication | undefined;
  let runner: ToolRunnerWorker | undefined;

  beforeAll(async () => {
    server = await startRedisServer();
    inspector = new Redis(server.url);
  });
  afterEach(async () => {
    await runner?.close(0);
    await app?.close();
    runner = app = undefined;
  });
  afterAll(async () => {
    inspector.disconnect();
    await server.stop();
  });

  async function boot(prefix: string, script: ConstructorParameters<typeof ScriptedLlm>[0]): Promise<{ url: string; gateway: Gateway }> {
    const redis = { connection: server.url, prefix, partitions: 2, queue: { blockMs: 100, closeDeadlineMs: 500 } };
    const module = GatewayAppModule.forAgents({ agents: scenarioAgents, llm: new ScriptedLlm(script), apiTokens: [], redis }, { level: 'silent' });
    app = await startHttpApp(module, { port: 0, host: '127.0.0.1' }, { logger: false });
    return { url: await app.getUrl(), gateway: app.get(Gateway) };
  }

  /** A conversation that calls `weather` once; resolves with the task's status and the runner's share of the work. */
  async function weatherTurn(prefix: string, catalogued: boolean): Promise<{ readonly url: string; readonly ranOnRunner: number }> {
    if (catalogued) await publishToolCatalogue(inspector, prefix, [weather]); // a runner serves weather
    const { url, gateway } = await boot(prefix, [{ toolCalls: [{ callId: 'c1', name: 'weather', arguments: { city: 'Lisbon' } }] }, { text: 'Sunny.' }]);
    let ranOnRunner = 0;
    const resolveTool = (job: { readonly toolName: string }) => {
      if (job.toolName !== 'weather') return undefined;
      ranOnRunner += 1;
      return weather;
    };
    runner = new ToolRunnerWorker({ connection: server.url, prefix, resolveTool, closeDeadlineMs: 500 });
    await runner.start();
    const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const { sessionId } = (await (await post('/v1/sessions', { agent: 'travel', playout: 'instant' })).json()) as { sessionId: string };
    expect((await post(`/v1/sessions/${sessionId}/turns`, { text: 'weather in Lisbon?' })).status).toBe(202);
    await eventually('the weather task succeeded', async () => ((await (await fetch(`${url}/v1/sessions/${sessionId}`)).json()) as { tasks: { status: string }[] }).tasks[0]?.status === 'succeeded');
    await gateway.whenQuiet(sessionId);
    expect(await inspector.exists(`${prefix}:{${sessionId}}:log`)).toBe(1);
    return { url, ranOnRunner };
  }

  it('keeps sessions in Redis, runs a tool a runner serves on the runner, and closes every connection it opened', async () => {
    const { url, ranOnRunner } = await weatherTurn(testKeyPrefix('gateway-app'), true);

    expect(ranOnRunner).toBe(1);
    expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ ready: true, checks: { eventStore: 'ok', taskQueue: 'ok' } });
    await runner!.close(0);
    await app!.close();
    runner = app = undefined;
    const clients = ((await inspector.client('LIST')) as string).trim().split('\n');
    expect(clients).toHaveLength(1); // the inspector itself
  });

  it('runs a tool no runner serves in the gateway itself (a tool runs where it is registered)', async () => {
    const { ranOnRunner } = await weatherTurn(testKeyPrefix('gateway-app'), false);

    expect(ranOnRunner).toBe(0);
  });

  it('answers /readyz with 503 within its deadline once Redis is gone, and still shuts down', async () => {
    const own = await startRedisServer();
    try {
      const redis = { connection: own.url, queue: { blockMs: 100, closeDeadlineMs: 300 } };
      app = await startHttpApp(GatewayAppModule.forAgents({ agents: scenarioAgents, llm: new ScriptedLlm([]), apiTokens: [], redis }, { level: 'silent' }), { port: 0, host: '127.0.0.1' }, { logger: false });
      const url = await app.getUrl();
      expect((await fetch(`${url}/readyz`)).status).toBe(200);

      await own.stop();
      const started = Date.now();
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(3_000);

      const closing = Date.now();
      await app.close();
      app = undefined;
      expect(Date.now() - closing).toBeLessThan(8_000);
    } finally {
      await own.stop();
    }
  }, 15_000);

  it('refuses to start with one line naming the address, never the password, when Redis does not answer', async () => {
    const redis = { connection: `redis://gateway:s3cret@127.0.0.1:${await freePort()}`, connectTimeoutMs: 300 };
    const booting = startHttpApp(GatewayAppModule.forAgents({ agents: scenarioAgents, llm: new ScriptedLlm([]), apiTokens: [], redis }, { level: 'silent' }), { port: 0, host: '127.0.0.1' }, { logger: false });
    const error = (await booting.then(() => undefined, (reason: unknown) => reason)) as Error;
    expect(error.message).toMatch(/^Redis 127\.0\.0\.1:\d+ did not answer within 300 ms \(connect ECONNREFUSED/);
    expect(error.message).not.toContain('s3cret');
  });

  it('refuses `redis` together with a store or task queue of its own, before connecting anywhere', async () => {
    const options = { agents: scenarioAgents, llm: new ScriptedLlm([]), redis: { connection: 'redis://127.0.0.1:1' } };
    await expect(createGateway({ ...options, taskQueue: ({ resolveTool }) => new InProcessTaskQueue({ resolveTool }) })).rejects.toThrow(
      'give either `redis` (distributed mode) or `store`/`taskQueue`, not both',
    );
  });
});
