import { describe, expect, it } from '@jest/globals';
import { taskJobSchema, taskReportMessageSchema } from '../src/index.js';

const job = {
  contractVersion: 1,
  taskId: 'sess-3-abcdef-c1',
  sessionId: 'sess-3-abcdef',
  callId: 'c1',
  activityId: 'a1',
  agent: 'travel',
  toolName: 'search',
  toolsetId: null,
  arguments: { city: 'Lisbon', days: 2 },
  timeoutMs: 30_000,
  retries: 1,
};

describe('the job contract between gateway and runners', () => {
  it('accepts a job the gateway sends', () => {
    expect(taskJobSchema.parse(job)).toEqual(job);
  });

  it('refuses a contract version it does not know, naming the field', () => {
    const result = taskJobSchema.safeParse({ ...job, contractVersion: 2 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['contractVersion']);
  });

  it('refuses a task id BullMQ would refuse', () => {
    expect(taskJobSchema.safeParse({ ...job, taskId: 'sess:1' }).success).toBe(false);
  });

  it('checks the reports runners send back', () => {
    expect(taskReportMessageSchema.safeParse({ taskId: job.taskId, sessionId: job.sessionId, attempt: 1, seq: 0, report: { type: 'started' } }).success).toBe(true);
    expect(taskReportMessageSchema.safeParse({ taskId: job.taskId, sessionId: job.sessionId, attempt: 0, seq: 0, report: { type: 'started' } }).success).toBe(false);
    expect(taskReportMessageSchema.safeParse({ taskId: job.taskId, sessionId: job.sessionId, attempt: 1, seq: 1, report: { type: 'exploded' } }).success).toBe(false);
  });
});
