import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiTokens, GatewayHttpModule, readApiTokens, startHttpApp } from '../../src/index.js';
import { FakeGatewayApi } from './support/fake-gateway-api.js';
import { boot, openStream, request, type RunningApp } from './support/http-harness.js';

const TOKENS = ['token-one', 'token-two.b64+/=='];
const UNAUTHORIZED = { error: { code: 'UNAUTHORIZED', message: 'A valid bearer token is required', details: {} } };

describe('bearer tokens', () => {
  const api = new FakeGatewayApi();
  let running: RunningApp;
  let url: string;
  let sessionId: string;

  beforeAll(async () => {
    running = await boot(GatewayHttpModule.forRoot({ api: { useValue: api }, apiTokens: TOKENS }));
    url = running.url;
    const created = await request(`${url}/v1/sessions`, { body: { agent: 'greeter' }, token: 'token-one' });
    sessionId = (created.body as { sessionId: string }).sessionId;
  });
  afterAll(() => running.close());

  it.each([
    ['no Authorization header', {}],
    ['an unknown token', { authorization: 'Bearer token-three' }],
    ['a prefix of a token', { authorization: 'Bearer token-on' }],
    ['a token with a suffix', { authorization: 'Bearer token-one1' }],
    ['another scheme', { authorization: 'Basic dG9rZW4tb25lOg==' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers a request with %s with 401 UNAUTHORIZED and WWW-Authenticate: Bearer', async (_name, headers) => {
    const response = await request(`${url}/v1/sessions/${sessionId}`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body).toEqual(UNAUTHORIZED);
  });

  it('checks the token before the body: an unauthenticated bad body is still a 401', async () => {
    const response = await request(`${url}/v1/sessions`, { body: '{not json', headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(401);
    const created = await request(`${url}/v1/sessions`, { body: { agent: 'greeter', extra: 1 } });
    expect(created.status).toBe(401);
  });

  it.each(TOKENS)('accepts every configured token (%s), scheme case-insensitive', async (token) => {
    expect((await request(`${url}/v1/sessions/${sessionId}`, { token })).status).toBe(200);
    expect((await request(`${url}/v1/sessions/${sessionId}`, { headers: { authorization: `bearer ${token}` } })).status).toBe(200);
    expect((await request(`${url}/v1/sessions`, { body: { agent: 'greeter' }, token })).status).toBe(201);
  });

  it('keeps /healthz and /readyz open without a token', async () => {
    expect((await request(`${url}/healthz`)).status).toBe(200);
    expect(await request(`${url}/readyz`)).toMatchObject({ status: 200, body: { ready: true } });
  });

  describe('on the WebSocket stream', () => {
    const streamUrl = () => `${running.wsUrl}/v1/sessions/${sessionId}/stream`;

    it('ends a stream without a token with an error frame and 4401', async () => {
      const client = openStream(streamUrl());
      expect(await client.closed).toEqual({ code: 4401, reason: 'UNAUTHORIZED' });
      expect(client.frames).toEqual([{ type: 'error', ...UNAUTHORIZED }]);
    });

    it('ends a stream with a wrong ?token= with 4401, before looking at the session', async () => {
      const client = openStream(`${running.wsUrl}/v1/sessions/sess-0-unknown1/stream?token=wrong`);
      expect((await client.closed).code).toBe(4401);
    });

    it('accepts ?token= (browsers cannot set headers)', async () => {
      const client = openStream(`${streamUrl()}?token=${encodeURIComponent(TOKENS[1]!)}`);
      await client.waitForFrames(1);
      expect(client.frames[0]).toMatchObject({ type: 'event', event: { position: 1 } });
      client.socket.close();
    });

    it('accepts the Authorization header', async () => {
      const client = openStream(streamUrl(), { headers: { authorization: 'Bearer token-one' } });
      await client.waitForFrames(1);
      expect(client.frames[0]).toMatchObject({ type: 'event' });
      client.socket.close();
    });
  });
});

describe('ASIDE_API_TOKENS', () => {
  it('is read when apiTokens is not given', async () => {
    const running = await withEnv({ ASIDE_API_TOKENS: 'from-env-1, from-env-2' }, () => boot(GatewayHttpModule.forRoot({ api: { useValue: new FakeGatewayApi() } })));
    try {
      expect((await request(`${running.url}/v1/sessions`, { body: { agent: 'greeter' } })).status).toBe(401);
      expect((await request(`${running.url}/v1/sessions`, { body: { agent: 'greeter' }, token: 'from-env-2' })).status).toBe(201);
    } finally {
      await running.close();
    }
  });

  it('unset or blank means no authentication', () => {
    expect(readApiTokens({})).toEqual([]);
    expect(readApiTokens({ ASIDE_API_TOKENS: '  ' })).toEqual([]);
    expect(new ApiTokens([]).accepts(undefined)).toBe(true);
  });

  it('splits on commas and ignores surrounding spaces', () => {
    expect(readApiTokens({ ASIDE_API_TOKENS: ' a1 ,b2,c3== ' })).toEqual(['a1', 'b2', 'c3==']);
  });

  it.each([
    ['abc,,def', 'entry 2 is empty'],
    ['abc,', 'entry 2 is empty'],
    ['abc,de f', 'entry 2 may contain only letters, digits and - . _ ~ + / (then optional = padding)'],
    ['sécret', 'entry 1 may contain only'],
  ])('fails with one clear line for %j, never echoing a token', (value, problem) => {
    const attempt = () => readApiTokens({ ASIDE_API_TOKENS: value });
    expect(attempt).toThrow(`ASIDE_API_TOKENS must be a comma-separated list of bearer tokens: ${problem}`);
    const message = captureMessage(attempt);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('abc');
    expect(message).not.toContain('de f');
  });

  it('fails the boot (rejecting, not aborting the process) when malformed', async () => {
    await expect(
      withEnv({ ASIDE_API_TOKENS: 'good,,' }, () =>
        startHttpApp(GatewayHttpModule.forRoot({ api: { useValue: new FakeGatewayApi() } }), { port: 0, host: '127.0.0.1' }, { logger: false }),
      ),
    ).rejects.toThrow('ASIDE_API_TOKENS must be a comma-separated list of bearer tokens: entry 2 is empty');
  });

  it('validates apiTokens given in code the same way', async () => {
    await expect(
      startHttpApp(GatewayHttpModule.forRoot({ api: { useValue: new FakeGatewayApi() }, apiTokens: ['ok', ''] }), { port: 0, host: '127.0.0.1' }, { logger: false }),
    ).rejects.toThrow('apiTokens must be a comma-separated list of bearer tokens: entry 2 is empty');
  });
});

async function withEnv<T>(values: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  try {
    return await run();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

function captureMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}
