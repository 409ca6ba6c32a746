import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ScriptedLlm } from '@aside/llm';
import { eventually, startRedisServer, type RedisServerProcess } from '@aside/testing';
import { AgentGatewayModule } from '../../src/gateway/agent-gateway.module.js';
import { startHttpApp } from '../../src/http/start-http-app.js';
import { scrape } from './support/exposition.js';
import { travel } from './support/metrics-agents.js';

const SOURCES = ['sessions', 'inbox', 'queue'] as const;

/**
 * A scrape while Redis is away answers within its deadline, with the Redis-backed series left
 * out and their sources reported down; once Redis is back (same port, same data), they return.
 * A Redis of its own, since this file stops it.
 */
describe('gateway metrics while Redis is away', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aside-metrics-redis-'));
  const serverOptions = { dir, args: ['--appendonly', 'yes'] };
  let server: RedisServerProcess;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    server = await startRedisServer(serverOptions);
    const redis = { connection: server.url, partitions: 1, queue: { blockMs: 100, closeDeadlineMs: 300 } };
    @Module({ imports: [AgentGatewayModule.forRoot({ agents: [travel], llm: new ScriptedLlm([]), apiTokens: [], redis })] })
    class OutageMetricsApp {}
    app = await startHttpApp(OutageMetricsApp, { port: 0, host: '127.0.0.1' }, { logger: false });
    url = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers in time with the Redis sources down, and reads them again once Redis is back', async () => {
    await eventually('every source answers', async () => {
      const exposition = await scrape(url);
      return SOURCES.every((source) => exposition.value('aside_metrics_source_up', { source }) === 1);
    });

    await server.stop();
    const started = Date.now();
    const during = await scrape(url);
    expect(Date.now() - started).toBeLessThan(2_500);
    for (const source of SOURCES) expect(during.value('aside_metrics_source_up', { source })).toBe(0);
    expect(during.all('aside_inbox_pending_entries')).toEqual([]);
    expect(during.all('aside_queue_jobs')).toEqual([]);
    // A gauge without labels cannot be left out: it reads 0, and its source's `up` says not to trust it.
    expect(during.value('aside_sessions_owned')).toBe(0);

    server = await startRedisServer({ ...serverOptions, port: server.port });
    const back = await eventually(
      'every source answers again',
      async () => {
        const exposition = await scrape(url);
        return SOURCES.every((source) => exposition.value('aside_metrics_source_up', { source }) === 1) ? exposition : undefined;
      },
      { timeoutMs: 15_000 },
    );
    expect(back.value('aside_inbox_pending_entries', { partition: '0' })).toBe(0);
    expect(back.value('aside_queue_jobs', { queue: 'aside-tools', state: 'waiting' })).toBe(0);
  }, 25_000);
});
