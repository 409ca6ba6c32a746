import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { GatewayHttpModule } from '../../src/index.js';
import { FakeGatewayApi } from './support/fake-gateway-api.js';
import { boot, openStream, request, type RunningApp } from './support/http-harness.js';

describe('WebSocket /v1/sessions/:id/stream', () => {
  const api = new FakeGatewayApi();
  let running: RunningApp;
  let sessionId: string;

  beforeAll(async () => {
    running = await boot(GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: [] }));
  });
  afterAll(() => running.close());
  beforeEach(async () => {
    const created = await request(`${running.url}/v1/sessions`, { body: { agent: 'greeter' } });
    sessionId = (created.body as { sessionId: string }).sessionId;
    api.append(sessionId, 'UserTurnReceived', { text: 'one' });
    api.append(sessionId, 'UserTurnReceived', { text: 'two' });
  });

  const streamUrl = (id: string, query = '') => `${running.wsUrl}/v1/sessions/${id}/stream${query}`;
  const positions = (client: ReturnType<typeof openStream>) => client.frames.map((frame) => frame.event?.position);

  it('replays the stored events as { type: "event", event } frames, then sends live ones', async () => {
    const client = openStream(streamUrl(sessionId));
    await client.waitForFrames(3);
    expect(client.frames[0]).toEqual({ type: 'event', event: expect.objectContaining({ position: 1, type: 'SessionStarted', sessionId }) });
    api.append(sessionId, 'SpeechQueued', { text: 'hi there' });
    await client.waitForFrames(4);
    expect(client.frames[3]).toMatchObject({ type: 'event', event: { position: 4, type: 'SpeechQueued', data: { text: 'hi there' } } });
    expect(positions(client)).toEqual([1, 2, 3, 4]);
    client.socket.close();
    expect((await client.closed).code).toBe(1005);
  });

  it('resumes after a log position', async () => {
    const client = openStream(streamUrl(sessionId, '?after=2'));
    await client.waitForFrames(1);
    api.append(sessionId, 'SpeechQueued', {});
    await client.waitForFrames(2);
    expect(positions(client)).toEqual([3, 4]);
    expect(api.calls.at(-1)).toEqual({ method: 'streamEvents', args: [sessionId, { after: 2 }] });
    client.socket.close();
  });

  it('closes with 1000 when the gateway stream ends (the session closed)', async () => {
    const client = openStream(streamUrl(sessionId));
    await client.waitForFrames(3);
    await request(`${running.url}/v1/sessions/${sessionId}`, { method: 'DELETE' });
    expect(await client.closed).toEqual({ code: 1000, reason: 'stream ended' });
    expect(client.frames.at(-1)).toMatchObject({ type: 'event', event: { type: 'SessionClosed' } });
  });

  it('releases the gateway stream when the client goes away', async () => {
    const before = api.openStreams;
    const client = openStream(streamUrl(sessionId));
    await client.waitForFrames(3);
    expect(api.openStreams).toBe(before + 1);
    client.socket.terminate();
    await client.closed;
    await waitUntil(() => api.openStreams === before);
  });

  it('ends an unknown session with an error frame and 4404', async () => {
    const client = openStream(streamUrl('sess-0-unknown1'));
    expect(await client.closed).toEqual({ code: 4404, reason: 'SESSION_NOT_FOUND' });
    expect(client.frames).toEqual([{ type: 'error', error: { code: 'SESSION_NOT_FOUND', message: 'Session sess-0-unknown1 not found', details: {} } }]);
  });

  it('ends a malformed session id the same way, without asking the gateway', async () => {
    api.calls.length = 0;
    const client = openStream(streamUrl('sess-x-nope'));
    expect(await client.closed).toEqual({ code: 4404, reason: 'SESSION_NOT_FOUND' });
    expect(client.frames).toEqual([{ type: 'error', error: { code: 'SESSION_NOT_FOUND', message: 'No such session', details: {} } }]);
    expect(api.calls).toEqual([]);
  });

  it.each(['?after=-1', '?after=one', '?after=1e3'])('ends a bad position (%s) with 4400 INVALID_REQUEST', async (query) => {
    const client = openStream(streamUrl(sessionId, query));
    expect(await client.closed).toEqual({ code: 4400, reason: 'INVALID_REQUEST' });
    expect(client.frames).toEqual([
      { type: 'error', error: { code: 'INVALID_REQUEST', message: 'The request query is invalid', details: { issues: [{ path: ['query', 'after'], message: expect.any(String) }] } } },
    ]);
  });

  it('ends with 1011 and a generic message when the gateway fails unexpectedly', async () => {
    api.failWith = new Error('boom at 10.0.0.7');
    const client = openStream(streamUrl(sessionId));
    expect(await client.closed).toEqual({ code: 1011, reason: 'INTERNAL' });
    expect(client.frames).toEqual([{ type: 'error', error: { code: 'INTERNAL', message: 'Internal server error', details: {} } }]);
  });

  it('refuses an upgrade on any other path with a plain 404', async () => {
    const reply = await rawUpgrade(running.url, '/v1/sessions');
    expect(reply).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    expect(reply).toContain('{"error":{"code":"NOT_FOUND","message":"No such route","details":{}}}');
  });

  it('survives a garbage upgrade request', async () => {
    const reply = await rawUpgrade(running.url, `/v1/sessions/${sessionId}/stream`, 'Sec-WebSocket-Key: nope\r\nSec-WebSocket-Version: 99\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400 /);
    expect((await request(`${running.url}/healthz`)).status).toBe(200);
  });

  it('ignores what the client sends and drops oversized client frames', async () => {
    const client = openStream(streamUrl(sessionId));
    await client.waitForFrames(3);
    client.socket.send('hello');
    client.socket.send('x'.repeat(64 * 1024));
    expect((await client.closed).code).toBe(1009);
    expect((await request(`${running.url}/healthz`)).status).toBe(200);
  });
});

/** Sends a hand-written upgrade request and answers the raw reply. */
function rawUpgrade(httpUrl: string, path: string, extraHeaders = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'): Promise<string> {
  const { hostname, port } = new URL(httpUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${extraHeaders}\r\n`);
    });
    let reply = '';
    socket.on('data', (chunk) => (reply += String(chunk)));
    socket.on('end', () => resolve(reply));
    socket.on('close', () => resolve(reply));
    socket.on('error', reject);
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('stream lifecycle', () => {
  it('drops a client that stops answering pings, and keeps one that answers', async () => {
    const api = new FakeGatewayApi();
    const running = await boot(GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: [], stream: { heartbeatMs: 40 } }));
    try {
      const { sessionId } = (await request(`${running.url}/v1/sessions`, { body: { agent: 'greeter' } })).body as { sessionId: string };
      const silent = openStream(`${running.wsUrl}/v1/sessions/${sessionId}/stream`, { autoPong: false });
      const lively = openStream(`${running.wsUrl}/v1/sessions/${sessionId}/stream`);
      await Promise.all([silent.waitForFrames(1), lively.waitForFrames(1)]);
      expect((await silent.closed).code).toBe(1006);
      expect(lively.socket.readyState).toBe(lively.socket.OPEN);
      lively.socket.close();
      await lively.closed;
      await waitUntil(() => api.openStreams === 0);
    } finally {
      await running.close();
    }
  });

  it('closes open streams with 1001 on shutdown, releasing them', async () => {
    const api = new FakeGatewayApi();
    const running = await boot(GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: [] }));
    const { sessionId } = (await request(`${running.url}/v1/sessions`, { body: { agent: 'greeter' } })).body as { sessionId: string };
    const client = openStream(`${running.wsUrl}/v1/sessions/${sessionId}/stream`);
    await client.waitForFrames(1);
    const started = Date.now();
    await running.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await client.closed).toEqual({ code: 1001, reason: 'server shutting down' });
    expect(api.openStreams).toBe(0);
  });
});
