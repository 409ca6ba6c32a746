import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import net from 'node:net';
import { GatewayHttpModule, startHttpApp } from '../../src/index.js';
import { FakeGatewayApi } from './support/fake-gateway-api.js';

// Found by the input fuzz (reliability/): Fastify turns Node's request timeout off, so a request
// that declared a body and never sent all of it was waited for for ever (its 408 never came).
describe('a request that never arrives whole', () => {
  let app: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    @Module({ imports: [GatewayHttpModule.forRoot({ api: { useValue: new FakeGatewayApi() }, apiTokens: [] })] })
    class TimeoutAppModule {}
    app = await startHttpApp(TimeoutAppModule, { port: 0, host: '127.0.0.1' }, { logger: false, requestTimeoutMs: 300 });
    port = (app.getHttpServer().address() as net.AddressInfo).port;
  });
  afterAll(() => app.close());

  it('is answered 408 with the error body once the request timeout passed, and its connection closed', async () => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += String(chunk)));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const started = Date.now();
    socket.write('POST /v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"agent":');
    await closed;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('{"error":{"code":"REQUEST_TIMEOUT","message":"The request took too long to arrive","details":{}}}');
  });
});
