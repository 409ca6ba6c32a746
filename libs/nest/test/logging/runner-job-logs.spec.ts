import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tool, ToolError } from '@aside/domain';
import { eventually } from '@aside/testing';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { LoggingModule, startHttpApp } from '../../src/index.js';
import { LogCapture } from '../http-api/support/log-capture.js';
import { RunnerWorld, stopRedis, testRedisUrl } from '../tool-runner/runner-world.js';

const lookupAirport = tool({
  name: 'lookup_airport',
  description: 'The IATA code of a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }, ctx) => {
    await ctx.update(`looking up ${city}`);
    if (city !== 'Lisbon') throw new ToolError(`No airport in ${city}`);
    return 'LIS';
  },
});

/** A runner's job lines: one when an attempt starts, one when it ends, with the ids the gateway's lines use. */
describe('job logs of a tool runner', () => {
  const capture = new LogCapture();
  let world: RunnerWorld;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    world = new RunnerWorld(await testRedisUrl());
    @Module({ imports: [LoggingModule.forRoot({ level: 'info', destination: capture }), world.appModule([], { tools: [lookupAirport] })] })
    class LoggedRunnerModule {}
    app = await startHttpApp(LoggedRunnerModule, { port: 0, host: '127.0.0.1' });
    await world.startGateway();
  });
  afterAll(async () => {
    await app.close();
    await world.gateway?.close();
    await stopRedis();
  });

  const jobLines = (taskId: string) => capture.records().filter((record) => record['taskId'] === taskId && String(record['msg']).startsWith('job '));

  it('logs the start and the end of an attempt with sessionId, activityId, toolCallId, taskId, attempt and tool', async () => {
    const job = world.job('lookup_airport', { city: 'Lisbon' });
    await world.gateway!.enqueue(job);
    await world.log.terminal(job.taskId);

    const ended = await eventually('the job ended line', () => jobLines(job.taskId).find((record) => record['msg'] === 'job ended'));
    const ids = { sessionId: job.sessionId, activityId: job.activityId, toolCallId: job.callId, taskId: job.taskId, attempt: 1, tool: 'lookup_airport' };
    expect(jobLines(job.taskId).find((record) => record['msg'] === 'job started')).toMatchObject({ level: 30, context: 'ToolRunner', ...ids });
    expect(ended).toMatchObject({ level: 30, context: 'ToolRunner', ...ids, outcome: 'succeeded', durationMs: expect.any(Number) });
  });

  it('says how an attempt ended when the tool failed', async () => {
    const job = world.job('lookup_airport', { city: 'Atlantis' });
    await world.gateway!.enqueue(job);
    await world.log.terminal(job.taskId);

    const ended = await eventually('the job ended line', () => jobLines(job.taskId).find((record) => record['msg'] === 'job ended'));
    expect(ended).toMatchObject({ toolCallId: job.callId, attempt: 1, tool: 'lookup_airport', outcome: 'failed' });
  });
});
