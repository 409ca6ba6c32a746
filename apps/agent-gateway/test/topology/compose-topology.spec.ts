import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, freePort, ProcessRoster, testKeyPrefix, waitUntilServing, type SpawnedProcess } from '@aside/testing';

/**
 * docker-compose.yml's topology as plain processes, since no container engine runs here: Redis,
 * one `aside-gateway` (the demo agents) and two `aside-runner` processes (the built-in example
 * tools), started the way compose starts them — the same CLIs, flags and environment variables,
 * with compose's default values — except for what only a shared machine needs:
 *   - the CLIs run from their TypeScript sources (`src/cli.ts`) instead of the image's `dist/`;
 *   - Redis is the test run's (REDIS_URL), with a key prefix of this file's own (ASIDE_PREFIX);
 *   - they listen on loopback (HOST) and on free ports (PORT): containers each have their own
 *     network, processes share one.
 * The runners' flight search is fast here (EXAMPLE_STEP_MS); the gateway's own copy of it (the
 * demo's, DEMO_STEP_MS) would take ten minutes, so a result within seconds can only come from a
 * runner.
 */
// compose: `node apps/agent-gateway/dist/cli.js` and `node apps/tool-runner/dist/cli.js`, no flags.
const GATEWAY_CLI = 'apps/agent-gateway/src/cli.ts';
const RUNNER_CLI = 'apps/tool-runner/src/cli.ts';
const BOOT_TIMEOUT_MS = 25_000;

interface AuditEvent {
  readonly position: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

describe('the docker-compose topology as processes: redis + 1 gateway + 2 runners', () => {
  const roster = new ProcessRoster();
  const prefix = testKeyPrefix('compose');
  let gatewayUrl: string;
  let runners: SpawnedProcess[] = [];

  /** Environment shared by every service: where Redis is, and the key space and queue they meet in. */
  const shared = (): Record<string, string> => ({
    REDIS_URL: process.env['REDIS_URL'] ?? '',
    ASIDE_PREFIX: prefix,
    ASIDE_QUEUE: 'aside-tools',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
  });

  const startRunner = (name: string): SpawnedProcess =>
    roster.spawn({
      name,
      entry: RUNNER_CLI,
      env: {
        ...shared(),
        ASIDE_RUNNER_CONCURRENCY: '10',
        ASIDE_LOCK_DURATION_MS: '30000',
        ASIDE_STALLED_INTERVAL_MS: '30000',
        ASIDE_MAX_STALLED_COUNT: '1',
        ASIDE_GRACE_MS: '5000',
        PORT: '0',
        EXAMPLE_STEP_MS: '50',
      },
    });

  beforeAll(async () => {
    const port = await freePort();
    const gateway = roster.spawn({
      name: 'agent-gateway',
      entry: GATEWAY_CLI,
      env: {
        ...shared(),
        ASIDE_PARTITIONS: '4',
        ASIDE_ADVERTISED_URL: `http://127.0.0.1:${port}`,
        ASIDE_LEASE_TTL_MS: '10000',
        PORT: String(port),
        // Blank, as compose passes them when the host has none: the rule-based stand-in model, no tokens.
        OPENAI_API_KEY: '',
        OPENAI_BASE_URL: '',
        OPENAI_MODEL: '',
        ASIDE_API_TOKENS: '',
        DEMO_STEP_MS: '300000',
      },
    });
    runners = [startRunner('tool-runner-1'), startRunner('tool-runner-2')];
    // Compose starts both once Redis is healthy and reports them healthy on GET /readyz 200.
    const [url] = await Promise.all([waitUntilServing(gateway, 'agent-gateway', BOOT_TIMEOUT_MS), ...runners.map((runner) => waitUntilServing(runner, 'tool-runner', BOOT_TIMEOUT_MS))]);
    gatewayUrl = url!;
  }, BOOT_TIMEOUT_MS + 5_000);

  afterAll(() => roster.killAll());

  async function request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** A travel-desk conversation over HTTP asking for a flight; resolves with its session id. */
  async function askForFlight(destination: string): Promise<string> {
    // A gateway answers 503 until it holds a partition lease (a moment after it is ready).
    const created = await eventually('a session created', async () => {
      const response = await request<{ sessionId: string }>('POST', '/v1/sessions', { agent: 'travel_desk', playout: 'instant' });
      return response.status === 201 ? response.body.sessionId : response.status === 503 ? undefined : Promise.reject(new Error(`POST /v1/sessions answered ${response.status}: ${JSON.stringify(response.body)}`));
    });
    const turn = await request('POST', `/v1/sessions/${created}/turns`, { text: `Find me a flight to ${destination}` });
    expect(turn.status).toBe(202);
    return created;
  }

  async function auditLog(sessionId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    for (let after = 0; ; ) {
      const { status, body } = await request<{ events: AuditEvent[]; next: number | null }>('GET', `/v1/sessions/${sessionId}/events?after=${after}`);
      expect(status).toBe(200);
      events.push(...body.events);
      if (body.next === null) return events;
      after = body.next;
    }
  }

  /** Waits until the audit log holds the reply that speaks the flight search's result. */
  function resultReply(sessionId: string, destination: string): Promise<AuditEvent[]> {
    return eventually(
      `the flight result to ${destination} spoken in ${sessionId}`,
      async () => {
        const log = await auditLog(sessionId);
        return log.some((event) => event.type === 'ReplyGenerated' && String(event.data['text']).includes(`Best option: TP 1234 to ${destination}`)) ? log : undefined;
      },
      { timeoutMs: 10_000, detail: () => roster.describe(2_000) },
    );
  }

  it('runs a conversation whose slow tool runs on a runner, and the reply reaches the session\'s audit log', async () => {
    // The built-in examples, whose search_flights has the demo's name and parameters.
    for (const runner of runners) expect(runner.lines.find((line) => line.startsWith('tool-runner: tools '))).toMatch(/\bsearch_flights\b.*\(the built-in examples\)$/);

    const sessionId = await askForFlight('Paris');
    const log = await resultReply(sessionId, 'Paris');

    // A tool runs where it is registered: the runners serve search_flights, so the gateway sent
    // the call to the queue; a runner ran the body (within seconds: see above), and its progress
    // and result came back through the inbox and were folded into the log.
    const types = log.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(['TaskRequested', 'TaskStarted', 'TaskProgressed', 'TaskSucceeded', 'ReplyDeliveryStarted', 'ReplyGenerated']));
    const succeeded = log.find((event) => event.type === 'TaskSucceeded')!;
    expect(succeeded.data).toMatchObject({ attempt: 1, result: expect.stringContaining('Best option: TP 1234 to Paris') });
    expect(log.map((event) => event.position)).toEqual(log.map((_, index) => index + 1));
    // The acknowledgement came first ("searching now"), the result after it ("by the way").
    const spoken = log.filter((event) => event.type === 'SpeechQueued').map((event) => String(event.data['text']));
    expect(spoken[0]).toContain("I'm searching flights for you now");
    expect(spoken.at(-1)).toMatch(/^By the way, your flight search is done\. Best option: TP 1234 to Paris/);
  }, 20_000);

  it('scales: with the runners scaled away a flight search waits in the queue, and a newly started runner takes it', async () => {
    // `docker compose up --scale tool-runner=0`: SIGTERM to both, which stop taking jobs and
    // exit 0 (compose reads any other exit as a failure).
    const stopped = await Promise.all(runners.map((runner) => runner.terminate()));
    expect(stopped).toEqual([{ code: 0, signal: null }, { code: 0, signal: null }]);

    // search_flights is still a runner tool (the catalogue outlives the runners): its job waits.
    const sessionId = await askForFlight('Lisbon');
    const waiting = await eventually('the flight search requested', async () => {
      const log = await auditLog(sessionId);
      return log.some((event) => event.type === 'TaskRequested') ? log : undefined;
    });
    expect(waiting.map((event) => event.type)).not.toContain('TaskStarted');

    // `--scale tool-runner=1`: a third runner starts, takes the queued job, and the reply follows.
    const third = startRunner('tool-runner-3');
    await waitUntilServing(third, 'tool-runner', BOOT_TIMEOUT_MS);
    const log = await resultReply(sessionId, 'Lisbon');
    expect(log.find((event) => event.type === 'TaskSucceeded')?.data).toMatchObject({ attempt: 1, result: expect.stringContaining('Best option: TP 1234 to Lisbon') });
    runners = [third];
  }, BOOT_TIMEOUT_MS + 20_000);
});
