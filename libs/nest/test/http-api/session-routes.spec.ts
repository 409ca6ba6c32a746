import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import net from 'node:net';
import { GatewayError } from '@aside/engine';
import { GatewayHttpModule } from '../../src/index.js';
import { FakeGatewayApi } from './support/fake-gateway-api.js';
import { boot, request, type RunningApp } from './support/http-harness.js';

const UNKNOWN = 'sess-0-unknown1';

describe('session routes', () => {
  const api = new FakeGatewayApi();
  let running: RunningApp;
  let url: string;
  let sessionId: string;

  beforeAll(async () => {
    running = await boot(GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: [] }));
    url = running.url;
  });
  afterAll(() => running.close());
  beforeEach(async () => {
    const created = await request(`${url}/v1/sessions`, { body: { agent: 'greeter' } });
    sessionId = (created.body as { sessionId: string }).sessionId;
    api.calls.length = 0;
  });

  describe('happy paths', () => {
    it('POST /v1/sessions creates a session: 201 { sessionId }', async () => {
      const response = await request(`${url}/v1/sessions`, {
        body: { agent: 'greeter', playout: 'client', lateResults: { webhook: 'https://hooks.example.com/late' } },
      });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ sessionId: expect.stringMatching(/^sess-0-fake\d{4}$/) });
      expect(api.calls.at(-1)).toEqual({
        method: 'createSession',
        args: [{ agent: 'greeter', playout: 'client', lateResults: { webhook: 'https://hooks.example.com/late' } }],
      });
    });

    it('leaves optional fields the client left out out of the gateway call', async () => {
      await request(`${url}/v1/sessions`, { body: { agent: 'greeter' } });
      expect(api.calls.at(-1)?.args).toEqual([{ agent: 'greeter' }]);
    });

    it('POST /turns accepts a turn: 202 { turnId }', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/turns`, { body: { text: 'hello', commandId: 'cmd-1' } });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ turnId: 'turn-2' });
      expect(api.calls.at(-1)).toEqual({ method: 'submitTurn', args: [sessionId, { text: 'hello', commandId: 'cmd-1' }] });
    });

    it('accepts a turn of exactly 10,000 characters', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/turns`, { body: { text: 'x'.repeat(10_000) } });
      expect(response.status).toBe(202);
    });

    it('POST /playout reports playout: 204, no body', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/playout`, { body: { speechId: 'sp-1', status: 'interrupted' } });
      expect(response.status).toBe(204);
      expect(response.text).toBe('');
      expect(api.calls.at(-1)).toEqual({ method: 'reportPlayout', args: [sessionId, { speechId: 'sp-1', status: 'interrupted' }] });
    });

    it('POST /user-state sets the user state: 204', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/user-state`, { body: { speaking: true } });
      expect(response.status).toBe(204);
      expect(api.calls.at(-1)).toEqual({ method: 'setUserState', args: [sessionId, { speaking: true }] });
    });

    it('GET /v1/sessions/:id answers the projection: 200', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ sessionId, status: 'active', agent: 'greeter', position: 1, tasks: [], pendingReplies: [] });
    });

    it('GET /events pages through the audit log with after and limit', async () => {
      await request(`${url}/v1/sessions/${sessionId}/turns`, { body: { text: 'one' } });
      await request(`${url}/v1/sessions/${sessionId}/turns`, { body: { text: 'two' } });
      const first = await request(`${url}/v1/sessions/${sessionId}/events?limit=2`);
      expect(first.status).toBe(200);
      const page = first.body as { events: { position: number; type: string }[]; next: number | null };
      expect(page.events.map((event) => [event.position, event.type])).toEqual([
        [1, 'SessionStarted'],
        [2, 'UserTurnReceived'],
      ]);
      expect(page.next).toBe(2);
      const rest = await request(`${url}/v1/sessions/${sessionId}/events?after=2`);
      expect(rest.body).toMatchObject({ events: [{ position: 3, data: { text: 'two' } }], next: null });
      expect(api.calls.at(-1)).toEqual({ method: 'readEvents', args: [sessionId, { after: 2, limit: 100 }] });
    });

    it('DELETE /v1/sessions/:id closes the session: 204', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}`, { method: 'DELETE' });
      expect(response.status).toBe(204);
      expect(api.sessions.get(sessionId)?.status).toBe('closed');
    });
  });

  describe('validation: 400 INVALID_REQUEST with one { path, message } per issue', () => {
    it('lists every schema violation with its path', async () => {
      const response = await request(`${url}/v1/sessions`, { body: { agent: '', playout: 'loud', lateResults: { webhook: 'ftp://x' } } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: {
          code: 'INVALID_REQUEST',
          message: 'The request body is invalid',
          details: {
            issues: [
              { path: ['body', 'agent'], message: expect.any(String) },
              { path: ['body', 'playout'], message: expect.any(String) },
              { path: ['body', 'lateResults', 'webhook'], message: 'expected an http(s) URL' },
            ],
          },
        },
      });
      expect(api.calls.map((call) => call.method)).not.toContain('createSession');
    });

    it('refuses unknown keys in a body', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/user-state`, { body: { speaking: false, volume: 3 } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: { code: 'INVALID_REQUEST', message: 'The request body is invalid', details: { issues: [{ path: ['body'], message: expect.stringContaining('volume') }] } },
      });
    });

    // Found by the input fuzz (reliability/): zod names every unknown key in one message, so a
    // body of 50,000 keys was answered with a 600 KB error body.
    it('names at most ten of thousands of unknown keys, and keeps the answer short', async () => {
      const keys = Object.fromEntries(Array.from({ length: 50_000 }, (_, index) => [`k${index}`, index]));
      const response = await request(`${url}/v1/sessions/${sessionId}/user-state`, { body: { speaking: false, ...keys } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: {
          code: 'INVALID_REQUEST',
          message: 'The request body is invalid',
          details: { issues: [{ path: ['body'], message: 'Unrecognized keys: "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9" and 49990 more' }] },
        },
      });
    });


    it.each([
      ['an empty text', { text: '' }, ['body', 'text']],
      ['a text of 10,001 characters', { text: 'x'.repeat(10_001) }, ['body', 'text']],
      ['a text that is not a string', { text: 42 }, ['body', 'text']],
      ['a commandId with a colon', { text: 'hi', commandId: 'a:b' }, ['body', 'commandId']],
    ])('refuses a turn with %s', async (_name, body, path) => {
      const response = await request(`${url}/v1/sessions/${sessionId}/turns`, { body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { issues: [{ path }] } } });
    });

    it('refuses a playout report with an unknown status', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/playout`, { body: { speechId: 'sp-1', status: 'done' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { issues: [{ path: ['body', 'status'] }] } } });
    });

    it('refuses a missing body', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/user-state`, { method: 'POST' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { issues: [{ path: ['body'] }] } } });
    });

    it.each([
      ['after=-1', ['query', 'after']],
      ['after=1.5', ['query', 'after']],
      ['after=abc', ['query', 'after']],
      ['limit=0', ['query', 'limit']],
      ['limit=1001', ['query', 'limit']],
    ])('refuses events?%s', async (query, path) => {
      const response = await request(`${url}/v1/sessions/${sessionId}/events?${query}`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { issues: [{ path }] } } });
    });

    it('accepts limit=1000', async () => {
      expect((await request(`${url}/v1/sessions/${sessionId}/events?limit=1000`)).status).toBe(200);
    });
  });

  describe('body parsing', () => {
    it('answers malformed JSON with 400 INVALID_JSON', async () => {
      const response = await request(`${url}/v1/sessions`, { body: '{"agent": "greeter"', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code: 'INVALID_JSON', message: 'The request body is not valid JSON', details: { reason: expect.stringMatching(/JSON/) } } });
    });

    it('answers an empty JSON body with 400 INVALID_JSON', async () => {
      const response = await request(`${url}/v1/sessions`, { body: '', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_JSON', details: {} } });
    });

    // Found by the input fuzz (reliability/): Fastify's parser refused these with the error of a
    // syntax error, telling a client that sent valid JSON that it was not JSON.
    it.each([
      ['{"agent":"greeter","__proto__":{"admin":true}}', ['body', '__proto__']],
      ['{"agent":"greeter","lateResults":{"webhook":"https://x.example","__pro\\u0074o__":{}}}', ['body', 'lateResults', '__proto__']],
      ['{"agent":"greeter","constructor":{"prototype":{"admin":true}}}', ['body', 'constructor', 'prototype']],
      ['[0,[{"constructor":{"prototype":1}}]]', ['body', 1, 0, 'constructor', 'prototype']],
    ])('refuses the prototype-poisoning body %s as a forbidden key, by its place', async (body, path) => {
      const response = await request(`${url}/v1/sessions`, { body, headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: { code: 'INVALID_REQUEST', message: 'The request body is invalid', details: { issues: [{ path, message: 'Forbidden key: it could change an object prototype' }] } },
      });
      expect(api.calls).toEqual([]);
    });

    it('finds a forbidden key 100,000 levels deep without overflowing the stack', async () => {
      const body = `{"agent":${'['.repeat(100_000)}{"__proto__":1}${']'.repeat(100_000)}}`;
      const response = await request(`${url}/v1/sessions`, { body, headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect((response.body as { error: { details: { issues: { path: unknown[] }[] } } }).error.details.issues[0]?.path).toHaveLength(100_003);
    });

    it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('answers a %s body with 415', async (type) => {
      const response = await request(`${url}/v1/sessions`, { body: 'agent=greeter', headers: { 'content-type': type } });
      expect(response.status).toBe(415);
      expect(response.body).toEqual({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'The request body must be application/json', details: {} } });
    });

    it('accepts application/json with a charset', async () => {
      const response = await request(`${url}/v1/sessions`, { body: JSON.stringify({ agent: 'greeter' }), headers: { 'content-type': 'application/json; charset=utf-8' } });
      expect(response.status).toBe(201);
    });

    it('answers a body over 1 MiB with 413', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/turns`, { body: { text: 'x'.repeat(1024 * 1024) } });
      expect(response.status).toBe(413);
      expect(response.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than the limit', details: {} } });
    });
  });

  describe('gateway refusals keep their status and code', () => {
    it('answers an unknown session with 404 SESSION_NOT_FOUND', async () => {
      const response = await request(`${url}/v1/sessions/${UNKNOWN}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'SESSION_NOT_FOUND', message: `Session ${UNKNOWN} not found`, details: {} } });
    });

    it.each([
      ['GET', 'sess-0-short', ''],
      ['GET', 'sess-01-abcdefg', ''],
      ['GET', 'sess-10000-abcdefg', ''],
      ['GET', 'not-a-session', '/events'],
      ['DELETE', 'sess-0-abc:defg', ''],
      ['POST', '..%2F..%2Fetc', '/turns'],
    ])('answers %s of a malformed session id (%s) with 404 SESSION_NOT_FOUND, never reaching the gateway', async (method, id, suffix) => {
      const body = method === 'POST' ? { text: 'hi' } : undefined;
      const response = await request(`${url}/v1/sessions/${id}${suffix}`, { method, body });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'SESSION_NOT_FOUND', message: 'No such session', details: {} } });
      expect(api.calls).toEqual([]);
    });

    it('answers an unknown agent with 422 UNKNOWN_AGENT and its details', async () => {
      const response = await request(`${url}/v1/sessions`, { body: { agent: 'stranger' } });
      expect(response.status).toBe(422);
      expect(response.body).toEqual({ error: { code: 'UNKNOWN_AGENT', message: 'No agent named "stranger"', details: { agent: 'stranger' } } });
    });

    it('answers a turn on a closed session with 409 SESSION_CLOSED', async () => {
      await request(`${url}/v1/sessions/${sessionId}`, { method: 'DELETE' });
      const response = await request(`${url}/v1/sessions/${sessionId}/turns`, { body: { text: 'anyone?' } });
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ error: { code: 'SESSION_CLOSED', message: `Session ${sessionId} is closed`, details: {} } });
    });

    it.each([
      ['CONFLICT', 409],
      ['INVALID_REQUEST', 400],
      ['UNAVAILABLE', 503],
    ] as const)('maps GatewayError %s to %i', async (code, status) => {
      api.failWith = new GatewayError(code, 'refused', { why: 'test' });
      const response = await request(`${url}/v1/sessions/${sessionId}/user-state`, { body: { speaking: false } });
      expect(response.status).toBe(status);
      expect(response.body).toEqual({ error: { code, message: 'refused', details: { why: 'test' } } });
    });

    it('answers anything else with 500 INTERNAL and a generic message', async () => {
      api.failWith = new Error('redis exploded at 10.0.0.7:6379');
      const response = await request(`${url}/v1/sessions/${sessionId}`);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error', details: {} } });
      expect(response.text).not.toContain('redis');
      // and the process goes on serving
      expect((await request(`${url}/v1/sessions/${sessionId}`)).status).toBe(200);
    });
  });

  describe('unknown routes', () => {
    it.each([
      ['GET', '/nope'],
      ['GET', '/v1'],
      ['PUT', '/v1/sessions'],
      ['PATCH', `/v1/sessions/${UNKNOWN}`],
      ['GET', `/v2/sessions/${UNKNOWN}`],
    ])('answers %s %s with 404 NOT_FOUND', async (method, path) => {
      const response = await request(`${url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such route', details: {} } });
    });
  });

  describe('whatever a client sends, the process answers and goes on', () => {
    it('answers a URL that does not decode with 400 INVALID_REQUEST', async () => {
      const response = await request(`${url}/v1/sessions/%E0%A4%A/events`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: { code: 'INVALID_REQUEST', message: 'The request URL is malformed', details: {} } });
    });

    it('answers a repeated query parameter with 400 INVALID_REQUEST', async () => {
      const response = await request(`${url}/v1/sessions/${sessionId}/events?after=1&after=2`);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { issues: [{ path: ['query', 'after'] }] } } });
    });

    it.each([
      ['an array', '[]'],
      ['null', 'null'],
      ['a string', '"greeter"'],
    ])('answers a JSON body that is %s with 400 INVALID_REQUEST', async (_name, body) => {
      const response = await request(`${url}/v1/sessions`, { body, headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { issues: [{ path: ['body'] }] } } });
    });

    it('answers deeply nested JSON with 400 INVALID_JSON', async () => {
      const response = await request(`${url}/v1/sessions`, { body: '['.repeat(100_000), headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_JSON' } });
    });

    it('answers a request that is not HTTP with 400 on the raw socket', async () => {
      const reply = await rawRequest(url, 'HELLO / WORLD\r\n\r\n');
      expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(reply).toContain('{"error":{"code":"INVALID_REQUEST","message":"The request is not valid HTTP","details":{}}}');
    });

    it('answers oversized headers with 431', async () => {
      const reply = await rawRequest(url, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(reply).toMatch(/^HTTP\/1\.1 431 /);
      expect(reply).toContain('"code":"REQUEST_HEADER_FIELDS_TOO_LARGE"');
      expect((await request(`${url}/healthz`)).status).toBe(200);
    });
  });

  describe('probes', () => {
    it('GET /healthz answers 200', async () => {
      const response = await request(`${url}/healthz`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok', service: 'test' });
    });

    it('GET /readyz answers 200 { ready: true, checks } when the gateway is ready', async () => {
      api.readinessAnswer = { ready: true, checks: { store: 'ok', queue: 'ok' } };
      const response = await request(`${url}/readyz`);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ready: true, checks: { store: 'ok', queue: 'ok' } });
    });

    it('GET /readyz answers 503 { ready: false, checks } when it is not', async () => {
      api.readinessAnswer = { ready: false, checks: { store: 'ok', queue: 'redis: connection refused' } };
      const response = await request(`${url}/readyz`);
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ ready: false, checks: { store: 'ok', queue: 'redis: connection refused' } });
    });

    it('GET /readyz answers 503 when the readiness check itself throws, without its detail', async () => {
      api.readinessAnswer = new Error('secret internals');
      const response = await request(`${url}/readyz`);
      expect(response.status).toBe(503);
      expect(response.body).toEqual({ ready: false, checks: { gateway: 'readiness check failed' } });
      api.readinessAnswer = { ready: true, checks: { store: 'ok' } };
    });
  });
});

/** Writes raw bytes to the server and answers everything it sends back before closing. */
function rawRequest(httpUrl: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(httpUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let reply = '';
    socket.on('data', (chunk) => (reply += String(chunk)));
    socket.on('close', () => resolve(reply));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(reply) : reject(error)));
  });
}
