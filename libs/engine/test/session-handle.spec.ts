import { afterEach, describe, expect, it } from '@jest/globals';
import type { Gateway } from '../src/gateway/gateway.js';
import { embeddedGateway, gate } from './support/embedded-gateway.js';

let gateway: Gateway;
afterEach(async () => {
  await gateway?.close({ graceMs: 0 });
});

describe('the session handle (DESIGN.md §5)', () => {
  it('waitForIdle resolves with the activity once its speech has played', async () => {
    const setup = await embeddedGateway([{ text: 'Hello there.' }]);
    gateway = setup.gateway;
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'client' });
    const handle = gateway.session(sessionId);
    await gateway.submitTurn(sessionId, { text: 'hi' });
    const speaking = await gateway.whenQuiet(sessionId);
    let idle: string | undefined;
    const waiting = handle.waitForIdle().then((activityId) => (idle = activityId));
    await gateway.whenQuiet(sessionId);
    expect(idle).toBeUndefined();

    await gateway.reportPlayout(sessionId, { speechId: speaking.playing!.speechId, status: 'played' });

    expect(await waiting).toBe('a1');
    expect(await handle.activity('a1').waitForIdle()).toBe('a1');
  });

  it('generateReply makes the current activity speak without a user turn, with one-off instructions', async () => {
    const setup = await embeddedGateway([{ text: 'Welcome back!' }]);
    gateway = setup.gateway;
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });

    await gateway.session(sessionId).generateReply({ instructions: 'Greet the user warmly.' });
    const state = await gateway.whenQuiet(sessionId);

    expect(setup.llm.requests[0]?.instructions).toBe('Greet the user warmly.');
    expect(state.activities['a1']!.chat.at(-1)).toEqual({ type: 'message', role: 'assistant', text: 'Welcome back!' });
  });

  it('interrupt stops the speech that is playing', async () => {
    const setup = await embeddedGateway([{ text: 'A very long answer...' }]);
    gateway = setup.gateway;
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'client' });
    await gateway.submitTurn(sessionId, { text: 'tell me everything' });
    const speechId = (await gateway.whenQuiet(sessionId)).playing!.speechId;

    await gateway.session(sessionId).interrupt();

    const state = await gateway.whenQuiet(sessionId);
    expect(state.playing).toBeNull();
    expect(state.activities['a1']!.speeches[speechId]?.status).toBe('interrupted');
  });

  it('lists the running tasks and cancels one by its call id (its body sees the abort)', async () => {
    const aborted = gate<string>();
    const setup = await embeddedGateway([{ toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: { city: 'Lima' } }] }, { text: 'Searching.' }]);
    gateway = setup.gateway;
    gateway.mockTools('travel', {
      search_flights: async (_args, ctx) => {
        ctx.signal.addEventListener('abort', () => aborted.open(ctx.callId));
        await ctx.update('searching');
        await aborted.promise;
        return 'never';
      },
    });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });
    await gateway.submitTurn(sessionId, { text: 'flights to Lima' });
    await gateway.whenQuiet(sessionId);
    const handle = gateway.session(sessionId);

    const running = await handle.runningTasks();
    expect(running.map((task) => task.callId)).toEqual(['c1']);
    await running[0]!.cancel();

    expect(await aborted.promise).toBe('c1');
    expect(await handle.runningTasks()).toEqual([]);
  });

  it('a speech never reported by a client-playout front end counts as played after the playout timeout', async () => {
    const setup = await embeddedGateway([{ text: 'Anyone there?' }], { playoutTimeoutMs: 20 });
    gateway = setup.gateway;
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'client' });
    await gateway.submitTurn(sessionId, { text: 'hi' });

    expect(await gateway.session(sessionId).waitForIdle()).toBe('a1');
    const finished = (await setup.store.readLog(sessionId)).events.find((e) => e.type === 'SpeechFinished');
    expect(finished?.data).toMatchObject({ status: 'played', cause: 'timeout' });
  });
});
