import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AsideKeys, BullMqTaskQueue } from '@aside/bullmq';
import { tool, ToolError } from '@aside/domain';
import type { TaskJob, TaskReportMessage } from '@aside/engine';
import { startHttpApp } from '@aside/nest';
import { eventually, startTestRedis, testKeyPrefix, type TestRedis } from '@aside/testing';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { RunnerAppModule } from '../src/runner-app.module.js';

/** A promise the test opens when it wants the tool body to go on. */
function gate(): { readonly promise: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const slowGate = { current: gate() };
const text = z.object({ text: z.string() });
const echo = tool({
  name: 'echo',
  description: 'Echoes, with one update.',
  parameters: text,
  execute: async ({ text: said }, ctx) => {
    await ctx.update('echoing');
    return said;
  },
});
const explode = tool({
  name: 'explode',
  description: 'Always fails.',
  parameters: text,
  execute: () => {
    throw new ToolError('boom');
  },
});
const slow = tool({ name: 'slow', description: 'Waits for the test.', parameters: text, execute: async () => slowGate.current.promise.then(() => 'done') });

/** One line of Prometheus' text format, read strictly enough for these series (no escapes in their label values). */
function sampleValue(exposition: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(',');
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(/,(?=[a-zA-Z_]+=")/).filter(Boolean).sort().join(',');
    if (have === wanted) return Number(match[3]);
  }
  return 0;
}

describe('tool-runner metrics', () => {
  let redis: TestRedis;
  let app: NestFastifyApplication;
  let url: string;
  let gateway: BullMqTaskQueue;
  let inspector: Redis;
  const reports: TaskReportMessage[] = [];
  const prefix = testKeyPrefix('runner-metrics');
  let jobs = 0;

  beforeAll(async () => {
    redis = await startTestRedis(() => undefined);
    inspector = new Redis(redis.url);
    app = await startHttpApp(
      RunnerAppModule.forTools({ connection: redis.url, prefix, tools: [echo, explode, slow], graceMs: 0 }, { level: 'silent' }),
      { port: 0, host: '127.0.0.1' },
      { logger: false },
    );
    url = await app.getUrl();
    gateway = new BullMqTaskQueue({ connection: redis.url, prefix, blockMs: 100, closeDeadlineMs: 1_000 });
    await gateway.start(async (message) => void reports.push(message));
  });
  afterAll(async () => {
    slowGate.current.open();
    await gateway?.close();
    await app?.close();
    inspector?.disconnect();
    await redis?.stop();
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };

  /** Enqueues a job as the gateway would, and resolves when its terminal report was folded. */
  async function run(toolName: string, options: { partition?: number; wait?: boolean } = {}): Promise<string> {
    jobs += 1;
    const sessionId = `sess-${options.partition ?? 0}-metricstest`;
    const job: TaskJob = {
      contractVersion: 1,
      taskId: `${sessionId}-call${jobs}`,
      sessionId,
      callId: `call${jobs}`,
      activityId: 'a1',
      agent: 'some_agent',
      toolName,
      toolsetId: null,
      arguments: { text: 'hello' },
      timeoutMs: 10_000,
      retries: 0,
    };
    await gateway.enqueue(job);
    if (options.wait !== false) {
      await eventually(`the terminal report of ${job.taskId}`, () =>
        reports.some((message) => message.taskId === job.taskId && (message.report.type === 'succeeded' || message.report.type === 'failed')),
      );
    }
    return job.taskId;
  }

  it('serves /metrics with the process metrics under aside_runner_ and the served tools idle', async () => {
    const exposition = await scrape();

    expect(exposition).toMatch(/^# TYPE aside_runner_process_cpu_user_seconds_total counter$/m);
    expect(exposition).toMatch(/^aside_runner_jobs_active\{tool="echo"\} 0$/m);
  });

  it('counts a succeeded and a failed job by tool, with durations and the reports written', async () => {
    const before = await scrape();
    await run('echo');
    await run('explode');
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);

    expect(moved('aside_runner_jobs_total', { tool: 'echo', outcome: 'succeeded' })).toBe(1);
    expect(moved('aside_runner_jobs_total', { tool: 'explode', outcome: 'failed' })).toBe(1);
    expect(moved('aside_runner_job_duration_seconds_count', { tool: 'echo', outcome: 'succeeded' })).toBe(1);
    expect(moved('aside_runner_job_duration_seconds_count', { tool: 'explode', outcome: 'failed' })).toBe(1);
    expect(moved('aside_runner_reports_sent_total', { report: 'started' })).toBe(2);
    expect(moved('aside_runner_reports_sent_total', { report: 'progress' })).toBe(1);
    expect(moved('aside_runner_reports_sent_total', { report: 'succeeded' })).toBe(1);
    expect(moved('aside_runner_reports_sent_total', { report: 'failed' })).toBe(1);
    expect(moved('aside_runner_reports_failed_total', { report: 'started' })).toBe(0);
  });

  it('shows a running job in jobs_active until it ends', async () => {
    slowGate.current = gate();
    const before = await scrape();
    await run('slow', { wait: false });
    await eventually('the slow job is running', async () => sampleValue(await scrape(), 'aside_runner_jobs_active', { tool: 'slow' }) === 1);
    slowGate.current.open();
    await eventually('the slow job ended', async () => sampleValue(await scrape(), 'aside_runner_jobs_active', { tool: 'slow' }) === 0);
    expect(sampleValue(await scrape(), 'aside_runner_jobs_total', { tool: 'slow', outcome: 'succeeded' }) - sampleValue(before, 'aside_runner_jobs_total', { tool: 'slow', outcome: 'succeeded' })).toBe(1);
  });

  it('counts a job for a tool it does not serve as refused, under a bounded label', async () => {
    const before = await scrape();
    await run('not_served_here');
    const after = await scrape();

    expect(sampleValue(after, 'aside_runner_jobs_total', { tool: '(unknown)', outcome: 'refused' }) - sampleValue(before, 'aside_runner_jobs_total', { tool: '(unknown)', outcome: 'refused' })).toBe(1);
    expect(after).not.toContain('not_served_here');
  });

  it('counts reports it could not write (the inbox key is not a stream) and the attempt as an error', async () => {
    // Partition 1's inbox holds a string: Redis refuses every XADD to it with WRONGTYPE.
    await inspector.set(new AsideKeys(prefix).inbox(1), 'not a stream');
    const before = await scrape();
    await run('echo', { partition: 1, wait: false });
    await eventually('the attempt ended as an error', async () => {
      const now = await scrape();
      return sampleValue(now, 'aside_runner_jobs_total', { tool: 'echo', outcome: 'error' }) - sampleValue(before, 'aside_runner_jobs_total', { tool: 'echo', outcome: 'error' }) === 1;
    });
    const after = await scrape();
    const failed = (report: string) => sampleValue(after, 'aside_runner_reports_failed_total', { report }) - sampleValue(before, 'aside_runner_reports_failed_total', { report });

    expect(failed('started')).toBe(1);
    expect(failed('progress')).toBe(1);
    expect(failed('succeeded')).toBe(1);
    expect(sampleValue(after, 'aside_runner_reports_sent_total', { report: 'started' }) - sampleValue(before, 'aside_runner_reports_sent_total', { report: 'started' })).toBe(0);
  });
});
