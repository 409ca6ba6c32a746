import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tool, type ToolContext } from '@aside/domain';
import { Queue } from 'bullmq';
import { z } from 'zod';
import { ToolRunnerService } from '../../src/tool-runner/tool-runner.service.js';
import { RunnerWorld, stopRedis, testRedisUrl } from './runner-world.js';

describe('ToolRunnerModule lifecycle', () => {
  let url: string;

  beforeAll(async () => {
    url = await testRedisUrl();
  });
  afterAll(async () => {
    await stopRedis();
  });

  it('on shutdown lets a running body run for the grace period, then aborts it and hands its job back to the queue with no attempt spent', async () => {
    const world = new RunnerWorld(url);
    let running: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (running = resolve));
    const contexts: ToolContext[] = [];
    const hangs = tool({
      name: 'hangs',
      description: 'Runs until aborted.',
      parameters: z.object({}),
      retries: 3,
      execute: async (_args, ctx) => {
        contexts.push(ctx);
        running();
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
        throw ctx.signal.reason;
      },
    });
    try {
      const app = await world.start([], { tools: [hangs], graceMs: 50 });
      const gateway = await world.startGateway();
      const job = { ...world.job('hangs', {}), retries: 3 };
      await gateway.enqueue(job);
      await started;

      await app.close();
      world.app = undefined;

      expect(contexts).toHaveLength(1);
      expect(contexts[0]!.signal.aborted).toBe(true);
      const queue = new Queue('aside-tools', { connection: { host: new URL(url).hostname, port: Number(new URL(url).port) }, prefix: world.prefix });
      const handedBack = await queue.getJob(job.taskId);
      expect(await handedBack?.getState()).toBe('waiting');
      expect(handedBack?.attemptsMade).toBe(0);
      await queue.close();
      expect(world.log.lines(job.taskId)).toEqual(['1/0 started']); // nothing terminal: the next runner runs it
    } finally {
      await world.close();
    }
  });

  it('answers /readyz 503 once the worker stops taking jobs (shutdown has begun)', async () => {
    const world = new RunnerWorld(url);
    try {
      const app = await world.start([], { tools: [] });
      const base = await app.getUrl();
      expect((await fetch(`${base}/readyz`)).status).toBe(200);

      app.get(ToolRunnerService).beforeApplicationShutdown();
      const response = await fetch(`${base}/readyz`);

      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ready: false, checks: { worker: 'not running', redis: 'ok' } });
    } finally {
      await world.close();
    }
  });
});
