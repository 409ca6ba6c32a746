import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pendingBatches, ToolError } from '@aside/domain';
import { Gateway } from '@aside/engine';
import { ScriptedLlm } from '@aside/llm';
import { eventually } from '@aside/testing';
import { AgentGatewayModule } from '../../src/gateway/agent-gateway.module.js';
import { startHttpApp } from '../../src/http/start-http-app.js';
import { scrape, type Exposition } from './support/exposition.js';
import { call, gate, travel } from './support/metrics-agents.js';

const TOKEN = 'metrics-test-token-0123456789abcdef';

/**
 * The gateway's session series in embedded mode, scraped over HTTP before and after the thing
 * that moves them: tasks, deferred replies by outcome, delivery latency, appends, sessions owned.
 * One app for the file; each test scripts its own conversation and reads deltas.
 */
describe('gateway metrics of sessions (embedded mode)', () => {
  const llm = new ScriptedLlm([]);
  let app: NestFastifyApplication;
  let url: string;
  let gateway: Gateway;
  let commits = 0;

  beforeAll(async () => {
    @Module({ imports: [AgentGatewayModule.forRoot({ agents: [travel], llm, apiTokens: [TOKEN] })] })
    class MetricsTestApp {}
    app = await startHttpApp(MetricsTestApp, { port: 0, host: '127.0.0.1' }, { logger: false });
    url = await app.getUrl();
    gateway = app.get(Gateway);
    // What the store's append timer must have seen: one append per commit that decided events.
    gateway.engine.onCommitted((committed) => {
      if (committed.events.length > 0) commits += 1;
    });
  });
  afterAll(async () => app?.close());

  const delta = (before: Exposition, after: Exposition, name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);

  it('serves /metrics in the text format without a token while the API wants one, with process metrics under aside_gateway_', async () => {
    const response = await fetch(`${url}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await fetch(`${url}/v1/sessions/sess-0-nope`)).status).toBe(401);
    const exposition = await scrape(url);
    expect(exposition.types.get('aside_gateway_process_cpu_user_seconds_total')).toBe('counter');
    expect(exposition.has('aside_gateway_nodejs_eventloop_lag_seconds')).toBe(true);
    expect(exposition.types.get('aside_tasks_total')).toBe('counter');
    expect(exposition.types.get('aside_report_fold_latency_seconds')).toBe('histogram');
    // Embedded mode: no inbox, no tool queue — their series are left out, not zero.
    expect(exposition.all('aside_inbox_pending_entries')).toEqual([]);
    expect(exposition.all('aside_queue_jobs')).toEqual([]);
    expect(exposition.all('aside_metrics_source_up')).toEqual([{ name: 'aside_metrics_source_up', labels: { source: 'sessions' }, value: 1 }]);
    expect(exposition.value('aside_partitions_owned')).toBe(1);
  });

  it('a task with an update and a result spoken about later moves the task, reply, delivery, append and session series', async () => {
    const release = gate();
    llm.enqueue(call('c1', 'search_flights'), { text: 'Searching now.' }, { text: 'I found 42 flights.' });
    gateway.mockTools('travel', {
      search_flights: async (_args, ctx) => {
        await ctx.update('searching');
        await release.promise;
        return '42';
      },
    });
    const before = await scrape(url);
    const commitsBefore = commits;

    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });
    await gateway.submitTurn(sessionId, { text: 'flights to Lisbon?' });
    await gateway.whenQuiet(sessionId);
    const running = await scrape(url);
    release.open();
    await gateway.whenQuiet(sessionId, { tasks: true });
    const after = await scrape(url);

    const tool = { tool: 'search_flights' };
    expect(delta(before, running, 'aside_sessions_owned')).toBe(1);
    expect(delta(before, running, 'aside_tasks_total', { ...tool, state: 'requested' })).toBe(1);
    expect(delta(before, running, 'aside_tasks_total', { ...tool, state: 'succeeded' })).toBe(0);
    expect(delta(before, after, 'aside_tasks_total', { ...tool, state: 'started' })).toBe(1);
    expect(delta(before, after, 'aside_tasks_total', { ...tool, state: 'succeeded' })).toBe(1);
    expect(delta(before, after, 'aside_task_updates_total', tool)).toBe(1);
    expect(delta(before, after, 'aside_task_duration_seconds_count', { ...tool, outcome: 'succeeded' })).toBe(1);
    expect(delta(before, after, 'aside_task_duration_seconds_sum', { ...tool, outcome: 'succeeded' })).toBeGreaterThan(0);
    expect(delta(before, after, 'aside_replies_total', { outcome: 'spoken' })).toBe(1);
    expect(delta(before, after, 'aside_reply_delivery_latency_seconds_count', { mode: 'when_idle' })).toBe(1);
    expect(delta(before, after, 'aside_event_store_append_duration_seconds_count', { outcome: 'ok' })).toBe(commits - commitsBefore);
    expect(commits - commitsBefore).toBeGreaterThan(5);

    await gateway.closeSession(sessionId);
    expect(delta(before, await scrape(url), 'aside_sessions_owned')).toBe(0);
  });

  it('counts a reply the user interrupted, and the redelivery that follows', async () => {
    const release = gate();
    llm.enqueue(call('c1', 'search_flights'), { text: 'Searching.' }, { text: 'I found 42 flights, the cheapest…' }, { text: 'As I was saying, 42 flights.' });
    gateway.mockTools('travel', {
      search_flights: async (_args, ctx) => {
        await ctx.update('searching');
        await release.promise;
        return '42';
      },
    });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'client' });
    await gateway.submitTurn(sessionId, { text: 'flights to Lisbon?' });
    const acknowledgement = (await gateway.whenQuiet(sessionId)).playing!.speechId;
    release.open();
    await gateway.whenQuiet(sessionId, { tasks: true });
    const before = await scrape(url);

    await gateway.reportPlayout(sessionId, { speechId: acknowledgement, status: 'played' });
    const reply = (await gateway.whenQuiet(sessionId)).playing!.speechId;
    await gateway.reportPlayout(sessionId, { speechId: reply, status: 'interrupted' });
    await gateway.whenQuiet(sessionId);
    const after = await scrape(url);

    expect(delta(before, after, 'aside_replies_total', { outcome: 'interrupted' })).toBe(1);
    expect(delta(before, after, 'aside_replies_total', { outcome: 'spoken' })).toBe(0);
    // The reply's speech started once, then its redelivery's.
    expect(delta(before, after, 'aside_reply_delivery_latency_seconds_count', { mode: 'when_idle' })).toBe(2);
    await gateway.closeSession(sessionId);
  });

  it('counts an empty reply and a reply the model failed to generate', async () => {
    const before = await scrape(url);
    for (const replyStep of [{ text: '' }, { error: new Error('model unavailable') }]) {
      llm.enqueue(call('c1', 'search_flights'), { text: 'Searching.' }, replyStep);
      gateway.mockTools('travel', {
        search_flights: async (_args, ctx) => {
          await ctx.update('searching');
          return '42';
        },
      });
      const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });
      await gateway.submitTurn(sessionId, { text: 'flights?' });
      await gateway.whenQuiet(sessionId, { tasks: true });
      await gateway.closeSession(sessionId);
    }
    const after = await scrape(url);

    expect(delta(before, after, 'aside_replies_total', { outcome: 'empty' })).toBe(1);
    expect(delta(before, after, 'aside_replies_total', { outcome: 'failed' })).toBe(1);
    expect(delta(before, after, 'aside_replies_total', { outcome: 'spoken' })).toBe(0);
    expect(delta(before, after, 'aside_reply_delivery_latency_seconds_count', { mode: 'when_idle' })).toBe(0);
  });

  it('counts a task that failed, by kind', async () => {
    llm.enqueue(call('c1', 'search_flights', { city: 'Nowhere' }), { text: 'Sorry, there is no airport there.' });
    gateway.mockTools('travel', {
      search_flights: async () => {
        throw new ToolError('no airport there');
      },
    });
    const before = await scrape(url);
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });
    await gateway.submitTurn(sessionId, { text: 'flights to Nowhere?' });
    await gateway.whenQuiet(sessionId, { tasks: true });
    const after = await scrape(url);
    await gateway.closeSession(sessionId);

    const tool = { tool: 'search_flights' };
    expect(delta(before, after, 'aside_tasks_total', { ...tool, state: 'failed' })).toBe(1);
    expect(delta(before, after, 'aside_tasks_total', { ...tool, state: 'succeeded' })).toBe(0);
    expect(delta(before, after, 'aside_task_failures_total', { ...tool, kind: 'tool_error' })).toBe(1);
    expect(delta(before, after, 'aside_task_duration_seconds_count', { ...tool, outcome: 'failed' })).toBe(1);
  });

  it('on close counts the running task as cancelled and the waiting reply as dropped, with the reason', async () => {
    const release = gate();
    llm.enqueue({ toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Lisbon' } }, { callId: 'c2', name: 'watch_prices', arguments: { city: 'Lisbon' } }] }, { text: 'On it.' });
    gateway.mockTools('travel', {
      search_flights: async (_args, ctx) => {
        await ctx.update('searching');
        await release.promise;
        return '42';
      },
      // Runs until cancelled.
      watch_prices: async (_args, ctx) => {
        await ctx.update('watching');
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
        throw ctx.signal.reason;
      },
    });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'client' });
    await gateway.submitTurn(sessionId, { text: 'flights to Lisbon, and watch prices' });
    await gateway.whenQuiet(sessionId);
    // The result arrives while the agent still speaks its acknowledgement: the reply waits in a batch.
    release.open();
    await eventually('the search result is waiting for its reply', async () => pendingBatches(await gateway.engine.state(sessionId)).length > 0);
    const before = await scrape(url);

    await gateway.closeSession(sessionId);
    await gateway.whenQuiet(sessionId);
    const after = await scrape(url);

    expect(delta(before, after, 'aside_tasks_total', { tool: 'watch_prices', state: 'cancelled' })).toBe(1);
    expect(delta(before, after, 'aside_task_duration_seconds_count', { tool: 'watch_prices', outcome: 'cancelled' })).toBe(1);
    expect(delta(before, after, 'aside_replies_total', { outcome: 'dropped', reason: 'session_closed' })).toBe(1);
    expect(delta(before, after, 'aside_sessions_owned')).toBe(-1);
  });
});
