import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayHttpModule, HealthModule, LoggingModule, readLoggingSettings, startHttpApp } from '../../src/index.js';
import { FakeGatewayApi } from './support/fake-gateway-api.js';
import { openStream, request } from './support/http-harness.js';
import { LogCapture } from './support/log-capture.js';

const SECRET = 'super-secret-token-42';

/**
 * One application per file: nestjs-pino keeps one root logger per process (per Jest module
 * registry), so a second LoggingModule in this file would write to the first one's destination.
 */
describe('structured request logging', () => {
  const api = new FakeGatewayApi();
  const capture = new LogCapture();
  let app: NestFastifyApplication;
  let url: string;
  let wsUrl: string;
  let sessionId: string;

  beforeAll(async () => {
    @Module({
      imports: [
        LoggingModule.forRoot({ level: 'info', destination: capture }),
        HealthModule.forRoot({ service: 'test' }),
        GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: [SECRET] }),
      ],
    })
    class LoggedAppModule {}
    app = await startHttpApp(LoggedAppModule, { port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${port}`;
    wsUrl = `ws://127.0.0.1:${port}`;
    const created = await request(`${url}/v1/sessions`, { body: { agent: 'greeter' }, token: SECRET });
    sessionId = (created.body as { sessionId: string }).sessionId;
  });
  afterAll(() => app.close());

  const requestLogs = () => capture.records().filter((record) => record['req'] !== undefined && record['res'] !== undefined);
  const lastRequestLog = () => requestLogs().at(-1)!;

  it('routes Nest’s own logs through pino as JSON lines', () => {
    expect(capture.records()).toContainEqual(expect.objectContaining({ level: 30, context: 'NestApplication', msg: expect.stringContaining('started') }));
  });

  it('logs one line per request: method, url, status, duration and a request id (also answered as X-Request-Id)', async () => {
    const response = await request(`${url}/v1/sessions/${sessionId}`, { token: SECRET });
    expect(response.status).toBe(200);
    const record = lastRequestLog();
    expect(record).toMatchObject({
      level: 30,
      reqId: response.headers.get('x-request-id'),
      req: { method: 'GET', url: `/v1/sessions/${sessionId}` },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: expect.stringMatching(new RegExp(`^GET /v1/sessions/${sessionId} 200 \\d+ms$`)),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(record['reqId']).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
  });

  it('keeps a well-formed incoming X-Request-Id and replaces a malformed one', async () => {
    const kept = await request(`${url}/nowhere`, { headers: { 'x-request-id': 'edge-abc.123' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-abc.123');
    expect(lastRequestLog()['reqId']).toBe('edge-abc.123');
    const replaced = await request(`${url}/nowhere`, { headers: { 'x-request-id': 'evil\tid {"level":60}' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs refusals at info with their status, and unexpected failures at error with the detail the client never sees', async () => {
    await request(`${url}/v1/sessions/${sessionId}`);
    expect(lastRequestLog()).toMatchObject({ level: 30, res: { statusCode: 401 } });

    api.failWith = new Error('redis exploded at 10.0.0.7:6379');
    const failed = await request(`${url}/v1/sessions/${sessionId}`, { token: SECRET });
    expect(failed.text).not.toContain('redis');
    const reqId = failed.headers.get('x-request-id');
    expect(capture.records()).toContainEqual(
      expect.objectContaining({ level: 50, reqId, context: 'HttpApi', err: expect.objectContaining({ message: 'redis exploded at 10.0.0.7:6379' }) }),
    );
    expect(lastRequestLog()).toMatchObject({ level: 50, reqId, res: { statusCode: 500 } });
  });

  it('logs healthy probes at debug only (below the info level here)', async () => {
    const before = requestLogs().length;
    expect((await request(`${url}/healthz`)).status).toBe(200);
    expect((await request(`${url}/readyz`)).status).toBe(200);
    expect(requestLogs()).toHaveLength(before);
    api.readinessAnswer = { ready: false, checks: { store: 'down' } };
    expect((await request(`${url}/readyz`)).status).toBe(503);
    expect(lastRequestLog()).toMatchObject({ level: 50, req: { url: '/readyz' }, res: { statusCode: 503 } });
    api.readinessAnswer = { ready: true, checks: { store: 'ok' } };
  });

  it('logs requests that never reach a route (unknown route, oversized body)', async () => {
    await request(`${url}/nowhere`, { token: SECRET });
    expect(lastRequestLog()).toMatchObject({ req: { method: 'GET', url: '/nowhere' }, res: { statusCode: 404 } });
    await request(`${url}/v1/sessions`, { body: { agent: 'x'.repeat(1024 * 1024) }, token: SECRET });
    expect(lastRequestLog()).toMatchObject({ req: { method: 'POST', url: '/v1/sessions' }, res: { statusCode: 413 } });
  });

  it('never logs a token: not the Authorization header, not a ?token= query, not over the WebSocket', async () => {
    await request(`${url}/v1/sessions/${sessionId}`, { token: SECRET });
    await request(`${url}/v1/sessions/${sessionId}`, { headers: { authorization: `Bearer ${SECRET}-wrong` } });
    await request(`${url}/nowhere?token=${SECRET}&x=1`);
    expect(lastRequestLog()).toMatchObject({ req: { url: '/nowhere?token=[redacted]&x=1' } });

    const accepted = openStream(`${wsUrl}/v1/sessions/${sessionId}/stream?after=0&token=${SECRET}`);
    await accepted.waitForFrames(1);
    accepted.socket.close();
    await accepted.closed;
    const refused = openStream(`${wsUrl}/v1/sessions/${sessionId}/stream?token=${SECRET}-wrong`);
    expect((await refused.closed).code).toBe(4401);
    const header = openStream(`${wsUrl}/v1/sessions/${sessionId}/stream`, { headers: { authorization: `Bearer ${SECRET}` } });
    await header.waitForFrames(1);
    header.socket.close();
    await header.closed;

    await waitFor(() => capture.records().filter((record) => record['msg'] === 'stream closed').length >= 3);
    expect(capture.records()).toContainEqual(
      expect.objectContaining({ context: 'SessionStream', msg: 'stream opened', sessionId, url: `/v1/sessions/${sessionId}/stream?after=0&token=[redacted]` }),
    );
    expect(capture.text).not.toContain(SECRET);
    expect(capture.text.toLowerCase()).not.toContain('authorization');
  });
});

describe('readLoggingSettings', () => {
  it('defaults to info, pretty only on a terminal', () => {
    expect(readLoggingSettings({}, false)).toEqual({ level: 'info', pretty: false });
    expect(readLoggingSettings({ LOG_LEVEL: '' }, true)).toEqual({ level: 'info', pretty: true });
  });

  it('reads LOG_LEVEL, case-insensitive', () => {
    expect(readLoggingSettings({ LOG_LEVEL: 'DEBUG' }, false).level).toBe('debug');
    expect(readLoggingSettings({ LOG_LEVEL: 'silent' }, false).level).toBe('silent');
  });

  it('fails with one clear line on an unknown level', () => {
    expect(() => readLoggingSettings({ LOG_LEVEL: 'verbose' }, false)).toThrow(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    );
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
