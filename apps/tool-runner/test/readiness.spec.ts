import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BullMqTaskQueue } from '@aside/bullmq';
import type { TaskReportMessage } from '@aside/engine';
import { startHttpApp } from '@aside/nest';
import { eventually, probeReadiness, startRedisServer, testKeyPrefix, type RedisServerProcess } from '@aside/testing';
import { exampleTiming, exampleTools } from '../src/example-tools.js';
import { RunnerAppModule } from '../src/runner-app.module.js';

/**
 * The acceptance of a runner's `/readyz` (issue #9): ready with Redis, unready within its
 * deadline once Redis stops, ready again when Redis returns on the same port with its data
 * (AOF) — and the runner takes jobs again afterwards.
 */
describe('runner readiness across a Redis outage', () => {
  const prefix = testKeyPrefix('runner-readiness');
  const dir = mkdtempSync(join(tmpdir(), 'aside-runner-readiness-'));
  const durable = ['--appendonly', 'yes', '--appendfsync', 'always'];
  let server: RedisServerProcess;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    server = await startRedisServer({ dir, args: durable });
    exampleTiming.stepMs = 5;
    app = await startHttpApp(RunnerAppModule.forTools({ connection: server.url, prefix, tools: exampleTools, graceMs: 0 }, { level: 'silent' }), { port: 0, host: '127.0.0.1' }, { logger: false });
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const readyz = () => probeReadiness(url);

  it('is ready while its worker runs and Redis answers', async () => {
    expect(await readyz()).toMatchObject({ status: 200, body: { ready: true, checks: { worker: 'ok', redis: 'ok' } } });
  });

  it('goes unready within its deadline when Redis stops, then ready again when Redis returns', async () => {
    await server.stop();

    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.tookMs).toBeLessThan(2_500);
    expect(down.body).toEqual({ ready: false, checks: { worker: 'ok', redis: expect.not.stringMatching(/^ok$/) } });
    expect(JSON.stringify(down.body)).not.toContain(String(server.port));

    server = await startRedisServer({ port: server.port, dir, args: durable });
    const back = await eventually('/readyz is 200 again', async () => {
      const answer = await readyz();
      return answer.status === 200 && answer;
    });
    expect(back.body).toEqual({ ready: true, checks: { worker: 'ok', redis: 'ok' } });
  }, 20_000);

  it('takes jobs again after the outage', async () => {
    const reports: TaskReportMessage[] = [];
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const gateway = new BullMqTaskQueue({ connection: server.url, prefix, blockMs: 100, closeDeadlineMs: 500 });
    await gateway.start(async (message) => {
      reports.push(message);
      if (message.report.type === 'succeeded' || message.report.type === 'failed') finished();
    });
    try {
      await gateway.enqueue({
        contractVersion: 1,
        taskId: 'sess-0-readiness-c1',
        sessionId: 'sess-0-readiness',
        callId: 'c1',
        activityId: 'a1',
        agent: 'travel_desk',
        toolName: 'lookup_airport',
        toolsetId: null,
        arguments: { city: 'Lisbon' },
        timeoutMs: 10_000,
        retries: 0,
      });
      await done;
      expect(reports.map((message) => message.report.type)).toEqual(['started', 'succeeded']);
    } finally {
      await gateway.close();
    }
  }, 15_000);
});
