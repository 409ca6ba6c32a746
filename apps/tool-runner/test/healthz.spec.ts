import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startHttpApp } from '@aside/nest';
import { RunnerAppModule } from '../src/runner-app.module.js';

describe('tool-runner over HTTP', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await startHttpApp(RunnerAppModule, { port: 0, host: '127.0.0.1' }, { logger: false });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers GET /healthz', async () => {
    const response = await fetch(`${await app.getUrl()}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'tool-runner' });
  });

  it('answers an unknown route with 404', async () => {
    expect((await fetch(`${await app.getUrl()}/nope`)).status).toBe(404);
  });
});
