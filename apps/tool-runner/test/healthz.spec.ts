import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startHttpApp, toolCatalogueKey } from '@aside/nest';
import { startTestRedis, testKeyPrefix, type TestRedis } from '@aside/testing';
import { BullMqTaskQueue } from '@aside/bullmq';
import type { TaskReportMessage } from '@aside/engine';
import { Redis } from 'ioredis';
import { exampleTiming, exampleTools } from '../src/example-tools.js';
import { RunnerAppModule } from '../src/runner-app.module.js';

describe('tool-runner over HTTP', () => {
  let redis: TestRedis;
  let app: NestFastifyApplication;
  const prefix = testKeyPrefix('tool-runner-app');

  beforeAll(async () => {
    redis = await startTestRedis(() => undefined);
    exampleTiming.stepMs = 5;
    app = await startHttpApp(
      RunnerAppModule.forTools({ connection: redis.url, prefix, tools: exampleTools, graceMs: 0 }, { level: 'silent' }),
      { port: 0, host: '127.0.0.1' },
      { logger: false },
    );
  });
  afterAll(async () => {
    await app.close();
    await redis.stop();
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${await app.getUrl()}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'tool-runner' });
  });

  it('answers GET /readyz once the worker runs', async () => {
    const response = await fetch(`${await app.getUrl()}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, checks: { worker: 'ok', redis: 'ok' } });
  });

  it('publishes the example tools to the catalogue', async () => {
    const client = new Redis(redis.url);
    try {
      expect(Object.keys(await client.hgetall(toolCatalogueKey(prefix))).sort()).toEqual(['lookup_airport', 'search_flights']);
    } finally {
      await client.quit();
    }
  });

  it('runs the slow example end to end, with progress', async () => {
    const reports: TaskReportMessage[] = [];
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const gateway = new BullMqTaskQueue({ connection: redis.url, prefix, blockMs: 100, closeDeadlineMs: 1_000 });
    await gateway.start(async (message) => {
      reports.push(message);
      if (message.report.type === 'succeeded' || message.report.type === 'failed') done();
    });
    try {
      await gateway.enqueue({
        contractVersion: 1,
        taskId: 'sess-0-apptest-call1',
        sessionId: 'sess-0-apptest',
        callId: 'call1',
        activityId: 'a1',
        agent: 'travel_desk',
        toolName: 'search_flights',
        toolsetId: null,
        arguments: { destination: 'Lisbon', date: '2026-12-05' },
        timeoutMs: 60_000,
        retries: 1,
      });
      await finished;
      expect(reports.map((message) => message.report.type)).toEqual(['started', 'progress', 'progress', 'succeeded']);
    } finally {
      await gateway.close();
    }
  });

  it('answers an unknown route with 404', async () => {
    expect((await fetch(`${await app.getUrl()}/nope`)).status).toBe(404);
  });
});
