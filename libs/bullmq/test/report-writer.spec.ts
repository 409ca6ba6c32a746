import { afterAll, describe, expect, it } from '@jest/globals';
import { formatSessionId, type TaskReport } from '@aside/events';
import { deleteKeysMatching, testKeyPrefix } from '@aside/testing';
import { Redis } from 'ioredis';
import { AsideKeys, ReportWriter } from '../src/index.js';
import { redisUrl } from './support/bullmq-harness.js';

/**
 * The last-report marker `write-report.lua` keeps per task: what the gateway numbers its own
 * endings after (a task cancelled while it waited for a retry, a job BullMQ failed on its own).
 */
describe('the newest report written for a task', () => {
  const prefix = testKeyPrefix('report-writer');
  const redis = new Redis(redisUrl());
  const writer = new ReportWriter(redis, new AsideKeys(prefix));
  const sessionId = formatSessionId(0, 'reportwriter');
  afterAll(async () => {
    await deleteKeysMatching(redis, `${prefix}:*`);
    await redis.quit();
  });
  const progress: TaskReport = { type: 'progress', message: 'still going' };
  const write = (taskId: string, attempt: number, seq: number, report: TaskReport = progress) => writer.write({ taskId, sessionId, attempt, seq, report });

  it('follows each newer report, and says when one ended the task', async () => {
    await write('t-newer', 1, 0, { type: 'started' });
    await write('t-newer', 1, 1);
    expect(await writer.lastWritten(sessionId, 't-newer')).toEqual({ attempt: 1, seq: 1, terminal: false });
    await write('t-newer', 2, 0, { type: 'started' });
    await write('t-newer', 2, 1, { type: 'succeeded', result: 'done', handoff: null });
    expect(await writer.lastWritten(sessionId, 't-newer')).toEqual({ attempt: 2, seq: 1, terminal: true });
  });

  it('is never lowered by a zombie attempt writing after a newer attempt, nor by a report written again', async () => {
    await write('t-zombie', 2, 0, { type: 'started' });
    await write('t-zombie', 2, 1, { type: 'succeeded', result: 'done', handoff: null });
    await write('t-zombie', 1, 3); // attempt 1 still runs somewhere after its job was re-queued
    await write('t-zombie', 2, 0, { type: 'started' }); // a runner re-sending an earlier report
    expect(await writer.lastWritten(sessionId, 't-zombie')).toEqual({ attempt: 2, seq: 1, terminal: true });
  });
});
