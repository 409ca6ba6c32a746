import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { GatewayHttpModule, LoggingModule, startHttpApp } from '../../src/index.js';
import { FakeGatewayApi } from './support/fake-gateway-api.js';
import { request } from './support/http-harness.js';
import { LogCapture } from './support/log-capture.js';

/** Its own file: nestjs-pino keeps one root logger per process (per Jest module registry). */
describe('LoggingModule with level "silent"', () => {
  it('logs nothing, not even an unexpected failure', async () => {
    const capture = new LogCapture();
    const api = new FakeGatewayApi();
    @Module({ imports: [LoggingModule.forRoot({ level: 'silent', destination: capture }), GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: [] })] })
    class QuietAppModule {}
    const app = await startHttpApp(QuietAppModule, { port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.getHttpServer().address() as { port: number };
      api.failWith = new Error('boom');
      expect((await request(`http://127.0.0.1:${port}/v1/sessions`, { body: { agent: 'greeter' } })).status).toBe(500);
      expect((await request(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      await app.close();
    }
    expect(capture.lines).toEqual([]);
  });
});
