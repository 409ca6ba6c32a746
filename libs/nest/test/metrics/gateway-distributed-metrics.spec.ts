import 'reflect-metadata';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ToolRunnerWorker } from '@aside/bullmq';
import type { AnyToolDefinition, ToolContext } from '@aside/domain';
import { Gateway } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { eventually, startTestRedis, testKeyPrefix, type TestRedis } from '@aside/testing';
import { Redis } from 'ioredis';
import { AgentGatewayModule } from '../../src/gateway/agent-gateway.module.js';
import { startHttpApp } from '../../src/http/start-http-app.js';
import { publishToolCatalogue } from '../../src/tool-runner/tool-catalogue.js';
import { scrape, type Exposition } from './support/exposition.js';
import { call, gate, searchFlights, travel } from './support/metrics-agents.js';

/**
 * The gateway's Redis-backed series in distributed mode: a tool job waiting in the queue, the
 * fold latency of each report a runner writes, the inbox backlog while a fold is held up,
 * sessions owned. `search_flights` is in the runners' catalogue, so it runs on a runner here.
 */
describe('gateway metrics in distributed mode', () => {
  const queue = { queue: 'aside-tools' };
  const llm = new ScriptedLlm([]);
  let redis: TestRedis;
  let inspector: Redis;
  let app: NestFastifyApplication;
  let url: string;
  let gateway: Gateway;
  let runner: ToolRunnerWorker | undefined;
  let body: (ctx: ToolContext) => Promise<string> = async () => 'none';
  const prefix = testKeyPrefix('gateway-metrics');

  beforeAll(async () => {
    redis = await startTestRedis(() => undefined);
    inspector = new Redis(redis.url);
    await publishToolCatalogue(inspector, prefix, [searchFlights]);
    const options = { agents: [travel], llm, apiTokens: [], redis: { connection: redis.url, prefix, partitions: 1, queue: { blockMs: 100, closeDeadlineMs: 500 } } };
    @Module({ imports: [AgentGatewayModule.forRoot(options)] })
    class DistributedMetricsApp {}
    app = await startHttpApp(DistributedMetricsApp, { port: 0, host: '127.0.0.1' }, { logger: false });
    url = await app.getUrl();
    gateway = app.get(Gateway);
    await eventually('the gateway holds its partition', async () => (await scrape(url)).value('aside_partitions_owned') === 1);
  });
  afterEach(async () => {
    await runner?.close(0);
    runner = undefined;
  });
  afterAll(async () => {
    await app?.close();
    inspector?.disconnect();
    await redis?.stop();
  });

  async function startRunner(): Promise<void> {
    const runsHere = { ...searchFlights, execute: (_args: unknown, ctx: ToolContext) => body(ctx) } as AnyToolDefinition;
    runner = new ToolRunnerWorker({ connection: redis.url, prefix, resolveTool: (job) => (job.toolName === 'search_flights' ? runsHere : undefined), closeDeadlineMs: 500 });
    await runner.start();
  }

  const delta = (before: Exposition, after: Exposition, name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);

  it('shows the job waiting in the tool queue by tool, then the fold latency of each report its runner wrote', async () => {
    body = async (ctx) => {
      await ctx.update('searching');
      return '42';
    };
    llm.enqueue(call('c1', 'search_flights'), { text: 'Searching.' }, { text: '42 flights.' });
    const before = await scrape(url);
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });
    await gateway.submitTurn(sessionId, { text: 'flights to Lisbon?' });

    const waiting = await eventually('the job waits in the queue', async () => {
      const now = await scrape(url);
      return now.value('aside_queue_jobs', { ...queue, state: 'waiting' }) === 1 ? now : undefined;
    });
    expect(waiting.value('aside_queue_jobs_by_tool', { ...queue, tool: 'search_flights', state: 'waiting' })).toBe(1);
    expect(waiting.value('aside_queue_jobs', { ...queue, state: 'active' })).toBe(0);
    expect(delta(before, waiting, 'aside_sessions_owned')).toBe(1);

    await startRunner();
    await gateway.whenQuiet(sessionId, { tasks: true });
    const after = await scrape(url);

    for (const report of ['started', 'progress', 'succeeded']) expect(delta(before, after, 'aside_report_fold_latency_seconds_count', { report })).toBe(1);
    expect(after.value('aside_queue_jobs', { ...queue, state: 'waiting' })).toBe(0);
    expect(after.find('aside_queue_jobs_by_tool', { ...queue, tool: 'search_flights', state: 'waiting' })).toBeUndefined();
    expect(after.value('aside_inbox_pending_entries', { partition: '0' })).toBe(0);
    expect(after.value('aside_inbox_lag_entries', { partition: '0' })).toBe(0);
    expect(delta(before, after, 'aside_tasks_total', { tool: 'search_flights', state: 'succeeded' })).toBe(1);
    expect(delta(before, after, 'aside_event_store_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(5);
    for (const source of ['sessions', 'inbox', 'queue']) expect(after.value('aside_metrics_source_up', { source })).toBe(1);
    await gateway.closeSession(sessionId);
  });

  it('shows the inbox backlog while a fold is held up, and the wait in the fold latency once it is folded', async () => {
    const started = gate();
    const finish = gate();
    body = async (ctx) => {
      started.open();
      await finish.promise;
      await ctx.update('searching');
      return '42';
    };
    llm.enqueue(call('c1', 'search_flights'), { text: 'Searching.' }, { text: '42 flights.' });
    await startRunner();
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });
    await gateway.submitTurn(sessionId, { text: 'flights to Lisbon?' });
    await started.promise;
    await eventually('the started report is folded', async () => (await gateway.getSession(sessionId)).tasks[0]?.status === 'running');
    const before = await scrape(url);

    // Holding the session's turn holds its folds: the runner's next reports stay in the inbox.
    const release = gate();
    const held = gateway.engine.exclusively(sessionId, () => release.promise);
    finish.open();
    const backlog = await eventually('both reports are in the backlog', async () => {
      const now = await scrape(url);
      const partition = { partition: '0' };
      return now.value('aside_inbox_pending_entries', partition) + now.value('aside_inbox_lag_entries', partition) === 2 ? now : undefined;
    });
    expect(backlog.value('aside_inbox_pending_entries', { partition: '0' })).toBeGreaterThanOrEqual(1);
    expect(backlog.find('aside_inbox_oldest_pending_age_seconds', { partition: '0' })).toBeDefined();
    const seenAt = Date.now(); // both reports were written by now
    await delay(50); // not a synchronisation: the hold must last measurably
    const releasedAt = Date.now();
    release.open();
    await held;
    await gateway.whenQuiet(sessionId, { tasks: true });
    const after = await scrape(url);

    expect(after.value('aside_inbox_pending_entries', { partition: '0' })).toBe(0);
    expect(after.value('aside_inbox_lag_entries', { partition: '0' })).toBe(0);
    expect(after.value('aside_inbox_oldest_pending_age_seconds', { partition: '0' })).toBe(0);
    const folded = (report: string) => delta(before, after, 'aside_report_fold_latency_seconds_count', { report });
    expect([folded('progress'), folded('succeeded')]).toEqual([1, 1]);
    // Each waited out the hold between its write and its fold (stream ids have millisecond resolution).
    for (const report of ['progress', 'succeeded']) {
      expect(delta(before, after, 'aside_report_fold_latency_seconds_sum', { report })).toBeGreaterThanOrEqual((releasedAt - seenAt - 1) / 1_000);
    }
    await gateway.closeSession(sessionId);
  });
});
