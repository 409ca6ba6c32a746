import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, fileBeside, ProcessRoster, startTestRedis, testKeyPrefix, waitUntilServing, type SpawnedProcess, type TestRedis } from '@aside/testing';
import { QUEUE_BOARD_COOKIE } from '../../src/queue-board/queue-board-auth.js';
import { request } from '../http-api/support/http-harness.js';

const SECRET = 'board-secret-token-7';

interface BoardQueue {
  readonly name: string;
  readonly counts: Record<string, number>;
  readonly jobs: readonly { readonly id: string; readonly name: string; readonly data: { readonly sessionId?: string; readonly callId?: string }; readonly failedReason?: string }[];
  readonly readOnlyMode: boolean;
}

/**
 * Bull Board on a distributed gateway (issue #9): at /admin/queues behind the API token —
 * a bearer header, or `?token=` once from a browser, which sets the cookie the board's page
 * uses for its API and assets — showing the tool queue and the jobs the runners ran. The
 * gateway runs as a real process (see fixtures/board-gateway.ts for why).
 */
describe('the queue board', () => {
  const roster = new ProcessRoster();
  let redis: TestRedis;
  let url: string;
  let gateway: SpawnedProcess;

  beforeAll(async () => {
    redis = await startTestRedis(() => undefined);
    gateway = roster.spawn({
      name: 'board-gateway',
      entry: fileBeside(import.meta.url, './fixtures/board-gateway.ts'),
      env: { REDIS_URL: redis.url, ASIDE_PREFIX: testKeyPrefix('queue-board'), ASIDE_API_TOKENS: SECRET, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    });
    url = await waitUntilServing(gateway, 'board-gateway', 30_000);
  }, 40_000);
  afterAll(async () => {
    await roster.killAll();
    await redis?.stop();
  });

  const queuesApi = (status: string) => `${url}/admin/queues/api/queues?activeQueue=aside-tools&status=${status}&page=1&jobsPerPage=10`;

  it('refuses the page, its API and its assets without a token, with the API’s error body', async () => {
    for (const path of ['/admin/queues', '/admin/queues/api/queues', '/admin/queues/static/favicon-32x32.png']) {
      const refused = await request(`${url}${path}`);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String), details: {} } });
    }
    expect((await request(`${url}/admin/queues`, { token: `${SECRET}-wrong` })).status).toBe(401);
    const badCookie = await request(`${url}/admin/queues`, { headers: { cookie: `${QUEUE_BOARD_COOKIE}=nope` } });
    expect(badCookie.status).toBe(401);
  });

  it('serves the board with a bearer token', async () => {
    const page = await request(`${url}/admin/queues`, { token: SECRET });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('<base href="/admin/queues/" />');
    expect(page.text).toContain('<title>Aside tool queues</title>');
  });

  it('turns a ?token= into an HttpOnly cookie and a redirect that drops the token; the cookie then opens page, API and assets', async () => {
    const opened = await fetch(`${url}/admin/queues?token=${SECRET}&x=1`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/admin/queues?x=1');
    const cookie = opened.headers.get('set-cookie')!;
    expect(cookie).toBe(`${QUEUE_BOARD_COOKIE}=${SECRET}; Path=/admin/queues; HttpOnly; SameSite=Strict`);

    const headers = { cookie: cookie.split(';')[0]! };
    const page = await request(`${url}/admin/queues?x=1`, { headers });
    expect(page.status).toBe(200);
    const asset = /static\/js\/main\.[^"']+\.js/.exec(page.text)?.[0];
    expect(asset).toBeDefined();
    expect((await request(`${url}/admin/queues/${asset}`, { headers })).status).toBe(200);
    expect((await request(`${url}/admin/queues/${asset}`)).status).toBe(401);
    expect((await request(queuesApi('latest'), { headers })).status).toBe(200);
  });

  it('lists the tool queue, read-only, and shows the job a runner ran', async () => {
    const post = (path: string, body: unknown) => request(`${url}${path}`, { body, token: SECRET });
    const { sessionId } = (await post('/v1/sessions', { agent: 'desk', playout: 'instant' })).body as { sessionId: string };
    expect((await post(`/v1/sessions/${sessionId}/turns`, { text: 'the airport of Atlantis?' })).status).toBe(202);

    // A tool error fails the job for good; BullMQ keeps failed jobs (completed ones are removed).
    const queue = await eventually('the failed job is on the board', async () => {
      const answer = await request(queuesApi('failed'), { token: SECRET });
      const found = (answer.body as { queues: BoardQueue[] }).queues.find((candidate) => candidate.name === 'aside-tools');
      return found?.jobs.some((job) => job.data.sessionId === sessionId) && found;
    });
    expect(queue.readOnlyMode).toBe(true);
    expect(queue.counts['failed']).toBeGreaterThanOrEqual(1);
    expect(queue.jobs.find((job) => job.data.sessionId === sessionId)).toMatchObject({ name: 'lookup_airport', data: { callId: 'c1' }, failedReason: 'No airport in Atlantis' });
  });

  it('logs board requests like any other, never with the token', async () => {
    await eventually('the ?token= request was logged', () => gateway.lines.some((line) => line.includes('/admin/queues?token=[redacted]')));
    expect(gateway.printed).not.toContain(SECRET);
  });

  it('leaves the rest of the API and the open probes as they were', async () => {
    expect((await request(`${url}/healthz`)).status).toBe(200);
    expect((await request(`${url}/readyz`)).status).toBe(200);
    expect((await request(`${url}/v1/sessions/sess-0-nope`)).status).toBe(401);
  });
});
