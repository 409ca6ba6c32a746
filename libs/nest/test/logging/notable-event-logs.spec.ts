import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { agent, handoff, tool } from '@aside/domain';
import { Gateway } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { z } from 'zod';
import { AgentGatewayModule, LoggingModule, startHttpApp } from '../../src/index.js';
import { request } from '../http-api/support/http-harness.js';
import { LogCapture } from '../http-api/support/log-capture.js';

const USER_SENTENCE = 'where is my parcel P-77, please';

const trackParcel = tool({
  name: 'track_parcel',
  description: 'Track a parcel.',
  parameters: z.object({ parcel: z.string() }),
  execute: async ({ parcel }, ctx) => {
    await ctx.update(`looking up ${parcel}`);
    return `${parcel} arrives tomorrow`;
  },
});
const billing = agent({ name: 'billing', instructions: 'You handle billing.' });
const desk = agent({
  name: 'desk',
  instructions: 'You are the front desk.',
  tools: [trackParcel, tool({ name: 'transfer_to_billing', description: 'To billing.', parameters: z.object({}), execute: () => handoff('billing') })],
  handoffs: [billing],
});

/**
 * The gateway's notable-event lines, as an operator reads them: one JSON line per event with
 * the ids to follow a session, a tool call, a task and its attempt. One application per file
 * (nestjs-pino keeps one root logger per module registry).
 */
describe('notable-event logs of the gateway', () => {
  const capture = new LogCapture();
  let app: NestFastifyApplication;
  let url: string;
  let sessionId: string;

  beforeAll(async () => {
    const llm = new ScriptedLlm(
      [
        { toolCalls: [{ callId: 'c1', name: 'track_parcel', arguments: { parcel: 'P-77' } }] },
        { text: 'Looking it up.' },
        { text: 'It arrives tomorrow.' },
        { toolCalls: [{ callId: 'c2', name: 'transfer_to_billing' }] },
      ],
      { whenUnmatched: () => ({ text: 'Fine.' }) },
    );
    @Module({ imports: [LoggingModule.forRoot({ level: 'info', destination: capture }), AgentGatewayModule.forRoot({ agents: [desk, billing], llm, apiTokens: [] })] })
    class NotableLogsAppModule {}
    app = await startHttpApp(NotableLogsAppModule, { port: 0, host: '127.0.0.1' });
    url = await app.getUrl();
    const gateway = app.get(Gateway);

    sessionId = ((await request(`${url}/v1/sessions`, { body: { agent: 'desk', playout: 'instant' } })).body as { sessionId: string }).sessionId;
    expect((await request(`${url}/v1/sessions/${sessionId}/turns`, { body: { text: USER_SENTENCE } })).status).toBe(202);
    await gateway.whenQuiet(sessionId, { tasks: true });
    await gateway.whenQuiet(sessionId);
    expect((await request(`${url}/v1/sessions/${sessionId}/turns`, { body: { text: 'billing please' } })).status).toBe(202);
    await gateway.whenQuiet(sessionId, { tasks: true });
    expect((await request(`${url}/v1/sessions/${sessionId}`, { method: 'DELETE' })).status).toBe(204);
  });
  afterAll(() => app.close());

  const notable = (msg: string, toolCallId?: string) =>
    capture.records().filter((record) => record['msg'] === msg && record['sessionId'] === sessionId && (toolCallId === undefined || record['toolCallId'] === toolCallId));
  const one = (msg: string, toolCallId?: string) => {
    const found = notable(msg, toolCallId);
    expect(found.map((record) => record['msg'])).toEqual([msg]);
    return found[0]!;
  };

  it('logs the session’s start and close, and each user turn without its words', () => {
    const started = one('session started');
    expect(started).toMatchObject({ level: 30, context: 'Gateway', event: 'SessionStarted', activityId: expect.any(String), agent: 'desk', playout: 'instant' });
    expect(notable('user turn')).toEqual([
      expect.objectContaining({ event: 'ChatItemAdded', activityId: started['activityId'], chars: USER_SENTENCE.length, position: expect.any(Number) }),
      expect.objectContaining({ activityId: started['activityId'], chars: 'billing please'.length }),
    ]);
    expect(one('session closed')).toMatchObject({ event: 'SessionClosed', reason: 'client' });
    expect(capture.text).not.toContain(USER_SENTENCE);
  });

  it('follows a tool call through its task: dispatched, requested, started, progress, succeeded — with toolCallId, taskId, tool and attempt', () => {
    const activityId = one('session started')['activityId'];
    const dispatched = one('tool call dispatched', 'c1');
    expect(dispatched).toMatchObject({ event: 'ToolCallDispatched', activityId, toolCallId: 'c1', tool: 'track_parcel', taskId: expect.any(String) });
    const ids = { sessionId, activityId, toolCallId: 'c1', taskId: dispatched['taskId'], tool: 'track_parcel' };
    expect(one('task requested', 'c1')).toMatchObject({ ...ids, event: 'TaskRequested', delivery: 'when_idle', retries: expect.any(Number) });
    expect(one('task started', 'c1')).toMatchObject({ ...ids, event: 'TaskStarted', attempt: 1 });
    expect(one('task progress', 'c1')).toMatchObject({ ...ids, event: 'TaskProgressed', attempt: 1, update: 1 });
    expect(one('task succeeded', 'c1')).toMatchObject({ ...ids, event: 'TaskSucceeded', attempt: 1 });
  });

  it('logs the deferred reply: queued, then its delivery started', () => {
    const taskId = one('tool call dispatched', 'c1')['taskId'];
    expect(one('reply queued')).toMatchObject({ event: 'ReplyQueued', toolCallId: 'c1', taskId, tool: 'track_parcel', mode: 'when_idle' });
    expect(one('reply delivery started')).toMatchObject({ event: 'ReplyDeliveryStarted', toolCallId: 'c1', taskId, deliveryId: expect.any(String), mode: 'when_idle' });
  });

  it('logs the handoff from one activity to the next', () => {
    const activityId = one('session started')['activityId'];
    expect(one('handoff')).toMatchObject({ event: 'HandoffPerformed', activityId, toActivityId: expect.any(String), agent: 'billing', toolCallId: 'c2' });
  });

  it('writes nothing for the chatter the audit log alone keeps (agent messages, generations, speech)', () => {
    const events = new Set(capture.records().filter((record) => record['sessionId'] === sessionId).map((record) => record['event']));
    for (const quiet of ['GenerationRequested', 'GenerationCompleted', 'SpeechQueued', 'SpeechStarted', 'SpeechFinished']) expect(events.has(quiet)).toBe(false);
  });
});
