import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { WebSocket } from 'ws';
import { startHttpApp } from '@aside/nest';
import { demoLlm } from '../src/demo/demo-llm.js';
import { demoAgents } from '../src/demo/travel-desk.js';
import { GatewayAppModule } from '../src/gateway-app.module.js';

describe('agent-gateway app over HTTP', () => {
  let app: NestFastifyApplication;
  let url: string;
  const token = 'app-token';
  const authorized = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  beforeAll(async () => {
    app = await startHttpApp(GatewayAppModule.forAgents({ agents: demoAgents, llm: demoLlm(), apiTokens: [token] }, { level: 'silent' }), { port: 0, host: '127.0.0.1' }, { logger: false });
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers GET /healthz and /readyz without a token', async () => {
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', service: 'agent-gateway' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { eventStore: 'ok' } });
  });

  it('refuses the API without a token', async () => {
    const response = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"agent":"travel_desk"}' });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it.each([
    ['a malformed body', '/v1/sessions', '{"agent":', 400, 'INVALID_JSON'],
    ['a schema violation', '/v1/sessions', '{"agent":42}', 400, 'INVALID_REQUEST'],
    ['an unknown agent', '/v1/sessions', '{"agent":"nobody"}', 422, 'UNKNOWN_AGENT'],
    ['an unknown session', '/v1/sessions/sess-0-nosuchsession/turns', '{"text":"hi"}', 404, 'SESSION_NOT_FOUND'],
  ])('answers %s with a precise error', async (_what, path, body, status, code) => {
    const response = await fetch(`${url}${path}`, { method: 'POST', headers: authorized, body });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('runs a conversation: create a session, take a turn, read the audit log', async () => {
    const created = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: authorized, body: '{"agent":"travel_desk","playout":"instant"}' });
    expect(created.status).toBe(201);
    const { sessionId } = (await created.json()) as { sessionId: string };

    const turn = await fetch(`${url}/v1/sessions/${sessionId}/turns`, { method: 'POST', headers: authorized, body: '{"text":"hello there"}' });
    expect(turn.status).toBe(202);

    const events = (await (await fetch(`${url}/v1/sessions/${sessionId}/events?after=0`, { headers: authorized })).json()) as { events: { type: string }[] };
    expect(events.events.map((e) => e.type)).toEqual(expect.arrayContaining(['SessionStarted', 'ActivityStarted', 'ChatItemAdded', 'GenerationRequested']));
  });

  it('streams a session over the WebSocket, resumable from a log position, and ends it with the session', async () => {
    const created = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: authorized, body: '{"agent":"travel_desk","playout":"instant"}' });
    const { sessionId } = (await created.json()) as { sessionId: string };
    const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/sessions/${sessionId}/stream?after=1&token=${token}`);
    const frames: { type: string; event?: { type: string; position: number } }[] = [];
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    socket.on('message', (data) => frames.push(JSON.parse(String(data)) as (typeof frames)[number]));
    await new Promise((resolve) => socket.once('open', resolve));

    await fetch(`${url}/v1/sessions/${sessionId}/turns`, { method: 'POST', headers: authorized, body: '{"text":"hello there"}' });
    const deleted = await fetch(`${url}/v1/sessions/${sessionId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(deleted.status).toBe(204);

    expect(await closed).toBe(1000);
    const events = frames.flatMap((frame) => (frame.event ? [frame.event] : []));
    expect(events[0]?.position).toBe(2);
    expect(events.map((e) => e.position)).toEqual(events.map((_, i) => i + 2));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ChatItemAdded', 'SpeechQueued', 'SessionClosed']));
    expect(events.at(-1)?.type).toBe('SessionClosed');
  });
});
