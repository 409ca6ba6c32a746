import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore } from '@aside/events/store';
import { agent, createAgentRegistry } from '@aside/domain';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { GatewayHttpModule } from '../../src/index.js';
import { readSessionLog } from '../../src/timeline/read-session-log.js';
import { FakeGatewayApi } from '../http-api/support/fake-gateway-api.js';
import { boot, request, type RunningApp } from '../http-api/support/http-harness.js';

const TOKEN = 'operator-token';

describe('the timeline routes and the session list', () => {
  let gateway: Gateway;
  let running: RunningApp;
  let url: string;
  const open: string[] = [];
  let closed: string;

  beforeAll(async () => {
    gateway = await Gateway.start({
      store: new InMemoryEventStore({ catalogue: asideCatalogue }),
      registry: createAgentRegistry([agent({ name: 'greeter', instructions: 'Greet.' })]),
      llm: new ScriptedLlm([], { whenUnmatched: () => ({ text: 'Hello!' }) }),
      taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
    });
    running = await boot(GatewayHttpModule.forRoot({ api: { useValue: gateway }, apiTokens: [TOKEN] }));
    url = running.url;
    for (let index = 0; index < 3; index += 1) open.push((await gateway.createSession({ agent: 'greeter', playout: 'instant' })).sessionId);
    open.sort();
    closed = (await gateway.createSession({ agent: 'greeter', playout: 'instant' })).sessionId;
    await gateway.submitTurn(open[0]!, { text: 'hi there' });
    await gateway.whenQuiet(open[0]!);
    await gateway.closeSession(closed);
  });
  afterAll(async () => {
    await running?.close();
    await gateway?.close({ graceMs: 0 });
  });

  describe('GET /v1/sessions', () => {
    it('lists the open sessions by id, a closed one no longer', async () => {
      const response = await request(`${url}/v1/sessions`, { token: TOKEN });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ sessions: open.map((sessionId) => ({ sessionId, partition: 0, owned: true })), truncated: false });
    });

    it('finds a session by a part of its id, and cuts the list at the limit', async () => {
      const part = open[1]!.slice(-10);
      expect((await request(`${url}/v1/sessions?search=${part}`, { token: TOKEN })).body).toEqual({ sessions: [{ sessionId: open[1], partition: 0, owned: true }], truncated: false });
      expect((await request(`${url}/v1/sessions?search=nomatch`, { token: TOKEN })).body).toEqual({ sessions: [], truncated: false });
      expect((await request(`${url}/v1/sessions?search=`, { token: TOKEN })).body).toMatchObject({ sessions: expect.arrayContaining([expect.anything()]) });
      const limited = (await request(`${url}/v1/sessions?limit=2`, { token: TOKEN })).body as { sessions: { sessionId: string }[]; truncated: boolean };
      expect(limited.sessions.map((session) => session.sessionId)).toEqual(open.slice(0, 2));
      expect(limited.truncated).toBe(true);
    });

    it.each([
      ['a search with characters no id has', '?search=a%20b', 'search'],
      ['a limit of 0', '?limit=0', 'limit'],
      ['a limit above 1000', '?limit=1001', 'limit'],
    ])('refuses %s with a precise error', async (_what, query, field) => {
      const response = await request(`${url}/v1/sessions${query}`, { token: TOKEN });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'INVALID_REQUEST', details: { issues: [expect.objectContaining({ path: ['query', field] })] } } });
    });

    it('needs the API token', async () => {
      expect((await request(`${url}/v1/sessions`)).status).toBe(401);
    });
  });

  describe('GET /v1/sessions/:id/timeline', () => {
    it('answers the session as lanes, open and closed sessions alike', async () => {
      const response = await request(`${url}/v1/sessions/${open[0]}/timeline`, { token: TOKEN });
      expect(response.status).toBe(200);
      const timeline = response.body as { status: string; position: number; lanes: { id: string; items: { kind: string; label: string }[] }[] };
      expect(timeline.status).toBe('active');
      expect(timeline.position).toBe((await gateway.getSession(open[0]!)).position);
      expect(timeline.lanes.find((lane) => lane.id === 'user')!.items).toEqual([expect.objectContaining({ kind: 'user_turn', label: 'hi there' })]);
      expect(timeline.lanes.find((lane) => lane.id === 'speech')!.items).toEqual([expect.objectContaining({ kind: 'speech', label: 'Hello!' })]);
      expect(((await request(`${url}/v1/sessions/${closed}/timeline`, { token: TOKEN })).body as { status: string }).status).toBe('closed');
    });

    it('needs the API token, and answers an unknown or malformed id as not found', async () => {
      expect((await request(`${url}/v1/sessions/${open[0]}/timeline`)).status).toBe(401);
      for (const id of ['sess-0-nosuchsession', 'not-a-session']) {
        const response = await request(`${url}/v1/sessions/${id}/timeline`, { token: TOKEN });
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ error: { code: 'SESSION_NOT_FOUND' } });
      }
    });
  });

  describe('the page', () => {
    it.each([
      ['/timeline', 'text/html'],
      [`/timeline/sess-0-anything`, 'text/html'],
      ['/timeline/assets/timeline.js', 'text/javascript'],
      ['/timeline/assets/chart.js', 'text/javascript'],
      ['/timeline/assets/timeline.css', 'text/css'],
    ])('serves %s without a token, under a strict content security policy', async (path, type) => {
      const response = await request(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.text.length).toBeGreaterThan(100);
    });

    it('loads its script and style from the asset routes', async () => {
      const html = (await request(`${url}/timeline`)).text;
      expect(html).toContain('src="/timeline/assets/timeline.js"');
      expect(html).toContain('href="/timeline/assets/timeline.css"');
      expect((await request(`${url}/timeline/assets/timeline.js`)).text).toContain("from './chart.js'");
    });

    it.each(['/timeline/assets/nothing.js', '/timeline/assets/..%2F..%2Fpackage.json', '/timeline/assets/index.html%00'])('answers %s as not found', async (path) => {
      const response = await request(`${url}${path}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });
  });
});

describe('reading a whole log for a timeline', () => {
  const api = new FakeGatewayApi();
  let sessionId: string;

  beforeAll(async () => {
    sessionId = (await api.createSession({ agent: 'greeter' })).sessionId;
    for (let index = 0; index < 2_100; index += 1) api.append(sessionId, 'Something', { index });
  });

  it('reads page after page to the end', async () => {
    const { events, truncated } = await readSessionLog(api, sessionId);
    expect(truncated).toBe(false);
    expect(events.map((event) => event.position)).toEqual(Array.from({ length: 2_101 }, (_, index) => index + 1));
    expect(api.calls.filter((call) => call.method === 'readEvents').length).toBeGreaterThanOrEqual(3);
  });

  it('stops at the cap and says the timeline is cut', async () => {
    const cut = await readSessionLog(api, sessionId, 1_500);
    expect({ truncated: cut.truncated, count: cut.events.length, last: cut.events.at(-1)?.position }).toEqual({ truncated: true, count: 1_500, last: 1_500 });
    const exact = await readSessionLog(api, sessionId, 2_101);
    expect({ truncated: exact.truncated, count: exact.events.length }).toEqual({ truncated: false, count: 2_101 });
  });
});
