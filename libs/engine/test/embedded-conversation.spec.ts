import { afterEach, describe, expect, it } from '@jest/globals';
import { defaultTemplates, renderUpdate } from '@aside/domain';
import { LlmUnavailableError } from '@aside/llm';
import type { Gateway } from '../src/gateway/gateway.js';
import { embeddedGateway, gate } from './support/embedded-gateway.js';

let gateway: Gateway;
afterEach(async () => {
  await gateway?.close();
});

const outputs = (chat: readonly unknown[]) =>
  chat.flatMap((item) => {
    const i = item as { type: string; callId?: string; output?: string; isError?: boolean };
    return i.type === 'function_call_output' ? [{ callId: i.callId, output: i.output, isError: i.isError }] : [];
  });

describe('embedded gateway: a conversation with async tools end to end', () => {
  it('scenario 1: a tool that returns at once gets one call/output pair and a normal tool reply', async () => {
    const setup = await embeddedGateway([
      { toolCalls: [{ callId: 'c1', name: 'weather', arguments: { city: 'Lisbon' } }] },
      { text: 'It is sunny in Lisbon.' },
    ]);
    gateway = setup.gateway;
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });

    await gateway.submitTurn(sessionId, { text: 'weather in Lisbon?' });
    const state = await gateway.whenQuiet(sessionId, { tasks: true });

    const chat = state.activities['a1']!.chat;
    expect(outputs(chat)).toEqual([{ callId: 'c1', output: 'Sunny in Lisbon', isError: false }]);
    expect(chat.at(-1)).toEqual({ type: 'message', role: 'assistant', text: 'It is sunny in Lisbon.' });
    expect(setup.llm.requests[1]?.tools?.map((t) => t.name)).not.toContain('cancel_task');
    expect(setup.llm.requests).toHaveLength(2);
  });

  it('scenario 2: update then result while idle → update template as the original output, then one deferred reply', async () => {
    const release = gate();
    const setup = await embeddedGateway([
      { toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Lisbon' } }] },
      { text: 'Sure, searching now.' },
      { text: 'By the way, I found 42 flights.' },
    ]);
    gateway = setup.gateway;
    gateway.mockTools('travel', {
      search_flights: async (_args, ctx) => {
        await ctx.update('searching');
        await release.promise;
        return '42';
      },
    });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });

    await gateway.submitTurn(sessionId, { text: 'flights to Lisbon?' });
    const acknowledged = await gateway.whenQuiet(sessionId);
    expect(outputs(acknowledged.activities['a1']!.chat)).toEqual([{ callId: 'c1', output: renderUpdate(defaultTemplates, 'search_flights', 'searching'), isError: false }]);
    expect(setup.llm.requests[1]?.tools?.map((t) => t.name)).toEqual(expect.arrayContaining(['get_running_tasks', 'cancel_task']));

    release.open();
    const done = await gateway.whenQuiet(sessionId, { tasks: true });

    expect(outputs(done.activities['a1']!.chat).at(-1)).toEqual({ callId: 'c1_finished', output: '42', isError: false });
    const reply = setup.llm.requests[2]!;
    expect(reply.toolChoice).toBe('none');
    expect(reply.instructions).toContain('c1_finished');
    const log = (await setup.store.readLog(sessionId)).events.map((e) => e.type);
    expect(log.filter((type) => type === 'ReplyDeliveryStarted')).toHaveLength(1);
    expect(log.lastIndexOf('ReplyGenerated')).toBeLessThan(log.lastIndexOf('SpeechQueued'));
    expect(done.activities['a1']!.chat.at(-1)).toEqual({ type: 'message', role: 'assistant', text: 'By the way, I found 42 flights.' });
  });

  it('scenario 3: with client playout the deferred reply waits until the acknowledgement finished playing', async () => {
    const release = gate();
    const setup = await embeddedGateway([
      { toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Lisbon' } }] },
      { text: 'Sure, searching now.' },
      { text: 'By the way, 42 flights.' },
    ]);
    gateway = setup.gateway;
    gateway.mockTools('travel', {
      search_flights: async (_args, ctx) => {
        await ctx.update('searching');
        await release.promise;
        return '42';
      },
    });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'client' });
    await gateway.submitTurn(sessionId, { text: 'flights to Lisbon?' });
    const speaking = await gateway.whenQuiet(sessionId);
    const acknowledgement = speaking.playing!.speechId;

    release.open();
    await gateway.whenQuiet(sessionId, { tasks: true });
    expect(setup.llm.requests).toHaveLength(2);

    await gateway.reportPlayout(sessionId, { speechId: acknowledgement, status: 'played' });
    await gateway.whenQuiet(sessionId);

    expect(setup.llm.requests).toHaveLength(3);
    expect(setup.llm.requests[2]?.toolChoice).toBe('none');
  });

  it('scenario 13: a plain Error after an update shows only the internal-error text; the detail stays in the audit log', async () => {
    const setup = await embeddedGateway([
      { toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Oslo' } }] },
      { text: 'Searching.' },
      { text: 'Sorry, the search broke.' },
    ]);
    gateway = setup.gateway;
    gateway.mockTools('travel', {
      search_flights: async (_args, ctx) => {
        await ctx.update('searching');
        throw new Error('database password rejected');
      },
    });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });

    await gateway.submitTurn(sessionId, { text: 'flights to Oslo?' });
    const state = await gateway.whenQuiet(sessionId, { tasks: true });

    expect(outputs(state.activities['a1']!.chat).at(-1)).toEqual({ callId: 'c1_finished', output: 'An internal error occurred', isError: true });
    expect(JSON.stringify(state.activities['a1']!.chat)).not.toContain('password');
    const audit = (await setup.store.readLog(sessionId)).events.filter((e) => e.type === 'TaskFailed');
    expect(JSON.stringify(audit)).toContain('database password rejected');
  });

  it('speaks and records a clear failure when the model stays unavailable', async () => {
    const setup = await embeddedGateway([{ error: new LlmUnavailableError({ attempts: 3, reason: 'server_error', lastStatus: 503 }) }]);
    gateway = setup.gateway;
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });

    await gateway.submitTurn(sessionId, { text: 'hello?' });
    const state = await gateway.whenQuiet(sessionId);

    expect(state.activities['a1']!.chat.at(-1)).toEqual({ type: 'message', role: 'assistant', text: defaultTemplates.modelUnavailable });
    const failed = (await setup.store.readLog(sessionId)).events.find((e) => e.type === 'GenerationFailed');
    expect(JSON.stringify(failed?.data)).toContain('503');
  });

  it('answers with a precise error for an unknown agent and an unknown session', async () => {
    gateway = (await embeddedGateway([])).gateway;
    await expect(gateway.createSession({ agent: 'nobody' })).rejects.toMatchObject({ code: 'UNKNOWN_AGENT' });
    await expect(gateway.submitTurn('sess-0-unknown1', { text: 'hi' })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    await expect(gateway.getSession('not a session')).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  it('closing a session cancels its running tasks, wakes its waiters and refuses further turns', async () => {
    const setup = await embeddedGateway([{ toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Rome' } }] }, { text: 'Searching.' }]);
    gateway = setup.gateway;
    const abortSeen = gate<string>();
    gateway.mockTools('travel', {
      search_flights: async (_args, ctx) => {
        ctx.signal.addEventListener('abort', () => abortSeen.open('aborted'));
        await ctx.update('searching');
        await abortSeen.promise;
        return 'never seen';
      },
    });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'client' });
    await gateway.submitTurn(sessionId, { text: 'flights to Rome?' });
    await gateway.whenQuiet(sessionId);
    const waiter = gateway.session(sessionId).waitForIdle();

    const streamed: string[] = [];
    const streaming = (async () => {
      for await (const event of gateway.streamEvents(sessionId, { after: 0, signal: new AbortController().signal })) streamed.push(event.type);
    })();

    await gateway.closeSession(sessionId);

    await expect(waiter).rejects.toMatchObject({ code: 'ACTIVITY_CLOSED' });
    await streaming;
    expect(streamed.at(-1)).toBe('SessionClosed');
    expect(await abortSeen.promise).toBe('aborted');
    await gateway.whenQuiet(sessionId, { tasks: true });
    await expect(gateway.submitTurn(sessionId, { text: 'hello?' })).rejects.toMatchObject({ code: 'SESSION_CLOSED' });
  });
});
