import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { asideCatalogue } from '@aside/events';
import { RedisEventStore } from '@aside/events/store';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { GatewayHttpModule, startHttpApp } from '@aside/nest';
import { testKeyPrefix } from '@aside/testing';
import { scenarioRegistry } from '../../scenarios/scenario-agents.js';
import type { CliOutput } from '../../../src/aside-cli/cli-output.js';

export const API_TOKEN = 'aside-cli-test-token';
/** Small, so that the session has a snapshot and the engine loads it as snapshot + tail. */
const SNAPSHOT_EVERY = 6;

/**
 * A real session on Redis, for the CLI to read: a gateway on the Redis event store (its own key
 * prefix) with the scripted fake LLM, where `search_flights` goes async — it reports progress,
 * then waits for `finishSearch()` before its result, which comes back as a deferred reply.
 * With `http`, the gateway's HTTP API serves it too (bearer token `API_TOKEN`); `redisUrl` puts it
 * on a Redis of the test's own rather than the shared one.
 */
export interface RecordedSession {
  readonly sessionId: string;
  readonly gateway: Gateway;
  readonly store: RedisEventStore;
  /** REDIS_URL and ASIDE_PREFIX as the CLI reads them. */
  readonly env: NodeJS.ProcessEnv;
  readonly prefix: string;
  readonly url: string | undefined;
  /** Lets the flight search finish; resolves once its deferred reply was spoken. */
  finishSearch(): Promise<void>;
  close(): Promise<void>;
}

export async function recordSession(options: { readonly http?: boolean; readonly redisUrl?: string } = {}): Promise<RecordedSession> {
  const redisUrl = options.redisUrl ?? process.env['REDIS_URL'];
  if (!redisUrl) throw new Error('REDIS_URL is not set: the Jest global setup starts Redis');
  const prefix = testKeyPrefix('aside-cli');
  const store = new RedisEventStore({ connection: redisUrl, catalogue: asideCatalogue, keyPrefix: prefix });
  const llm = new ScriptedLlm([
    { toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Lisbon' } }] },
    { text: 'Sure, searching now.' },
    { text: 'By the way, I found 42 flights.' },
  ]);
  const gateway = await Gateway.start({
    store,
    registry: scenarioRegistry(),
    llm,
    taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
    snapshotEvery: SNAPSHOT_EVERY,
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  gateway.mockTools('travel', {
    search_flights: async (_args, ctx) => {
      await ctx.update('searching airlines');
      await released;
      return '42 flights';
    },
  });
  let app: NestFastifyApplication | undefined;
  if (options.http) {
    app = await startHttpApp(GatewayHttpModule.forRoot({ api: { useValue: gateway }, apiTokens: [API_TOKEN] }), { port: 0, host: '127.0.0.1' }, { logger: false });
  }
  const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });
  await gateway.submitTurn(sessionId, { text: 'Flights to Lisbon, please.' });
  await gateway.whenQuiet(sessionId);
  return {
    sessionId,
    gateway,
    store,
    env: { REDIS_URL: redisUrl, ASIDE_PREFIX: prefix },
    prefix,
    url: app ? await app.getUrl() : undefined,
    async finishSearch() {
      release();
      await gateway.whenQuiet(sessionId, { tasks: true });
    },
    async close() {
      await app?.close();
      await gateway.close({ graceMs: 0 });
      await store.close();
    },
  };
}

/** What the CLI printed, stdout and stderr apart. */
export class CapturedOutput implements CliOutput {
  readonly lines: string[] = [];
  readonly notes: string[] = [];
  private readonly listeners = new Set<() => void>();

  line(text: string): void {
    this.lines.push(...text.split('\n'));
    for (const listener of [...this.listeners]) listener();
  }

  note(text: string): void {
    this.notes.push(...text.split('\n'));
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves once stdout holds a line matching `pattern` (one already printed counts); rejects after `timeoutMs` with what was printed. */
  waitForLine(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    return this.waitFor(this.lines, pattern, timeoutMs);
  }

  /** The same for stderr. */
  waitForNote(pattern: RegExp, timeoutMs = 10_000): Promise<string> {
    return this.waitFor(this.notes, pattern, timeoutMs);
  }

  private waitFor(printed: readonly string[], pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const probe = (): void => {
        const found = printed.find((line) => pattern.test(line));
        if (found === undefined) return;
        stop();
        resolve(found);
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; printed:\n${[...this.notes, ...this.lines].join('\n')}`));
      }, timeoutMs);
      const stop = (): void => {
        clearTimeout(timer);
        this.listeners.delete(probe);
      };
      this.listeners.add(probe);
      probe();
    });
  }
}
