import 'reflect-metadata';
import { afterEach, describe, expect, it } from '@jest/globals';
import { agent } from '@aside/domain';
import { ScriptedLlm } from '@aside/llm';
import { AgentGatewayModule, type AgentGatewayModuleOptions } from '../../src/index.js';
import { boot, request, type RunningApp } from './support/http-harness.js';

const greeter = agent({ name: 'greeter', instructions: 'Greet.' });
const SECRET = 'test-webhook-secret-0123456789';

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function gateway(options: Partial<AgentGatewayModuleOptions> = {}): Promise<string> {
  running = await boot(AgentGatewayModule.forRoot({ agents: [greeter], llm: new ScriptedLlm([]), apiTokens: [], ...options }));
  return running.url;
}

describe('POST /v1/sessions with lateResults (the real gateway behind the HTTP edge)', () => {
  it('201 on a gateway with a webhook secret; the webhook is recorded in SessionStarted', async () => {
    const url = await gateway({ lateResults: { secret: SECRET } });
    const created = await request(`${url}/v1/sessions`, { body: { agent: 'greeter', lateResults: { webhook: 'https://hooks.example.com/late?team=7' } } });
    expect(created.status).toBe(201);
    const { sessionId } = created.body as { sessionId: string };

    const events = await request(`${url}/v1/sessions/${sessionId}/events`);
    const started = (events.body as { events: { type: string; schemaVersion: number; data: unknown }[] }).events[0]!;
    expect(started).toMatchObject({ type: 'SessionStarted', schemaVersion: 2, data: { lateResults: { webhook: 'https://hooks.example.com/late?team=7' } } });
  });

  it('400 with a clear reason on a gateway that has no secret to sign webhooks with', async () => {
    const url = await gateway();
    const refused = await request(`${url}/v1/sessions`, { body: { agent: 'greeter', lateResults: { webhook: 'https://hooks.example.com/late' } } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: {
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('no secret to sign them with (set ASIDE_WEBHOOK_SECRET'),
        details: { field: 'lateResults', reason: 'no_webhook_secret' },
      },
    });
    // Without lateResults the same gateway creates sessions as ever.
    expect((await request(`${url}/v1/sessions`, { body: { agent: 'greeter' } })).status).toBe(201);
  });

  it.each([
    ['a URL with credentials', { webhook: 'https://user:pw@hooks.example.com/late' }, ['body', 'lateResults', 'webhook'], 'a webhook URL may not hold credentials: it is stored in the session log in clear'],
    ['a non-http URL', { webhook: 'file:///etc/passwd' }, ['body', 'lateResults', 'webhook'], 'expected an http(s) URL'],
    ['no webhook', {}, ['body', 'lateResults', 'webhook'], expect.any(String)],
    ['an unknown key', { webhook: 'https://hooks.example.com/late', secret: 'x' }, ['body', 'lateResults'], expect.stringContaining('secret')],
    ['a bare string', 'https://hooks.example.com/late', ['body', 'lateResults'], expect.any(String)],
  ])('400 for lateResults with %s, naming the field', async (_label, lateResults, path, message) => {
    const url = await gateway({ lateResults: { secret: SECRET } });
    const refused = await request(`${url}/v1/sessions`, { body: { agent: 'greeter', lateResults } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: { code: 'INVALID_REQUEST', message: 'The request body is invalid', details: { issues: [{ path, message }] } } });
  });
});
