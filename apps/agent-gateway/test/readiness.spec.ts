import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ToolRunnerWorker } from '@aside/bullmq';
import { ScriptedLlm } from '@aside/llm';
import { publishToolCatalogue, startHttpApp } from '@aside/nest';
import { eventually, probeReadiness, startRedisServer, testKeyPrefix, type RedisServerProcess } from '@aside/testing';
import { Redis } from 'ioredis';
import { GatewayAppModule } from '../src/gateway-app.module.js';
import { scenarioAgents, weather } from './scenarios/scenario-agents.js';

/**
 * The acceptance of `/readyz` in distributed mode (issue #9): ready with Redis, unready within
 * the probe's deadline once Redis stops — the event store and the task queue (its connections
 * and inbox consumers) each say so — ready again when Redis returns on the same port with its
 * data (AOF), and the gateway goes on working: a turn's tool runs on a runner.
 */
describe('gateway readiness across a Redis outage', () => {
  const prefix = testKeyPrefix('gateway-readiness');
  const dir = mkdtempSync(join(tmpdir(), 'aside-readiness-'));
  const durable = ['--appendonly', 'yes', '--appendfsync', 'always'];
  let server: RedisServerProcess;
  let app: NestFastifyApplication;
  let url: string;
  let runner: ToolRunnerWorker;

  beforeAll(async () => {
    server = await startRedisServer({ dir, args: durable });
    const inspector = new Redis(server.url);
    await publishToolCatalogue(inspector, prefix, [weather]); // a runner serves weather
    inspector.disconnect();
    const llm = new ScriptedLlm([{ toolCalls: [{ callId: 'c1', name: 'weather', arguments: { city: 'Lisbon' } }] }, { text: 'Sunny.' }], { whenUnmatched: () => ({ text: 'Fine.' }) });
    const redis = { connection: server.url, prefix, queue: { blockMs: 100, closeDeadlineMs: 500 } };
    app = await startHttpApp(GatewayAppModule.forAgents({ agents: scenarioAgents, llm, apiTokens: [], redis }, { level: 'silent' }), { port: 0, host: '127.0.0.1' }, { logger: false });
    url = await app.getUrl();
    runner = new ToolRunnerWorker({ connection: server.url, prefix, resolveTool: (job) => (job.toolName === 'weather' ? weather : undefined), closeDeadlineMs: 500 });
    await runner.start();
  });
  afterAll(async () => {
    await runner?.close(0);
    await app?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const readyz = () => probeReadiness(url);

  it('is ready with Redis up: the event store answers and the task queue’s inbox consumer is attached', async () => {
    // The boot waited for the first lease round: partition 0 is this gateway's, its inbox consumed.
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ ready: true, checks: { eventStore: 'ok', taskQueue: 'ok' } });
  });

  it('goes unready within its deadline when Redis stops, naming both checks, then ready again when Redis returns', async () => {
    await server.stop();

    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.tookMs).toBeLessThan(3_000);
    expect(down.body.ready).toBe(false);
    expect(down.body.checks['eventStore']).not.toBe('ok');
    expect(down.body.checks['taskQueue']).toMatch(/inbox 0: (connection|reads failing)/);
    expect(JSON.stringify(down.body)).not.toContain(String(server.port)); // no addresses on an open route

    server = await startRedisServer({ port: server.port, dir, args: durable });
    const back = await eventually('/readyz is 200 again', async () => {
      const answer = await readyz();
      return answer.status === 200 && answer;
    });
    expect(back.body).toEqual({ ready: true, checks: { eventStore: 'ok', taskQueue: 'ok' } });
  }, 20_000);

  it('keeps working after the outage: a session is created and its tool runs on the runner', async () => {
    const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = await post('/v1/sessions', { agent: 'travel', playout: 'instant' });
    expect(created.status).toBe(201);
    const { sessionId } = (await created.json()) as { sessionId: string };
    expect((await post(`/v1/sessions/${sessionId}/turns`, { text: 'weather in Lisbon?' })).status).toBe(202);

    await eventually(
      'the weather task succeeded on the runner',
      async () => ((await (await fetch(`${url}/v1/sessions/${sessionId}`)).json()) as { tasks: { status: string }[] }).tasks[0]?.status === 'succeeded',
    );
  }, 15_000);
});
