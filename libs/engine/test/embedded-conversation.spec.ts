import { afterEach, describe, expect, it } from '@jest/globals';
import { defaultTemplates } from '@aside/domain';
import { LlmUnavailableError } from '@aside/llm';
import type { Gateway } from '../src/gateway/gateway.js';
import { embeddedGateway, gate } from './support/embedded-gateway.js';

let gateway: Gateway;
afterEach(async () => {
  await gateway?.close();
});

// SEMANTICS §11 scenarios run end to end in apps/agent-gateway/test/scenarios (gateway API and HTTP);
// these cover what the gateway adds around them.
describe('embedded gateway', () => {
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
    await expect(gateway.createSession({ agent: 'travel', lateResults: { webhook: 'https://example.test/late' } })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  // Found by the input fuzz (reliability/): an id of a partition the deployment does not have was
  // answered NOT_OWNER — a 503 with Retry-After over HTTP — which a client retries for ever.
  it('answers SESSION_NOT_FOUND for a well-formed id of a partition the deployment does not have', async () => {
    gateway = (await embeddedGateway([])).gateway;
    for (const sessionId of ['sess-1-abcdef123456', 'sess-9999-abcdef123456']) {
      await expect(gateway.getSession(sessionId)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
      await expect(gateway.submitTurn(sessionId, { text: 'hi' })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
      await expect(gateway.closeSession(sessionId)).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    }
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
