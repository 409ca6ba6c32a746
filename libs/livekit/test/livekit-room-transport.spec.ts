import { afterEach, describe, expect, it } from '@jest/globals';
import { taskMessageSchema } from '../src/protocol/task-messages.js';
import { AGENT, DUPLICATE_IDENTITY } from './support/fake-livekit.js';
import { roomHarness } from './support/room-harness.js';

type Harness = Awaited<ReturnType<typeof roomHarness>>;

describe('LiveKit room transport', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('starts a session for a user who joins, turns their chat into a turn and speaks the answer as a transcription', async () => {
    harness = await roomHarness([{ text: 'Hello from Aside.' }]);
    const { server, transport } = harness;
    await transport.join();
    expect(server.room.connectedWith).toEqual({ url: 'wss://livekit.test', token: 'token-1' });

    server.join('alice');
    const sessionId = await harness.sessionOf('alice');
    const started = await harness.untilLogged(sessionId, 'SessionStarted', (event) => event.type === 'SessionStarted');
    expect(started.data).toMatchObject({ agent: 'desk', playout: 'client' });

    server.sendText('alice', 'lk.chat', 'Hi there');
    await server.until(() => server.texts.some((text) => text.text === 'Hello from Aside.'), 'the spoken answer');
    const answer = server.texts.find((text) => text.text === 'Hello from Aside.')!;
    expect(answer).toMatchObject({ topic: 'lk.transcription', to: ['alice'], attributes: { 'lk.transcription_final': 'true' } });
    expect(harness.llm.requests[0]?.messages.at(-1)).toMatchObject({ role: 'user', content: 'Hi there' });

    // The transcription counts as played out: the front end has it.
    const finished = await harness.untilLogged(sessionId, 'SpeechFinished', (event) => event.type === 'SpeechFinished');
    expect(finished.data).toMatchObject({ status: 'played', cause: 'playout', speechId: answer.attributes['lk.segment_id'] });
    await server.until(() => server.agentStates.at(-1) === 'listening', 'listening again');
    expect(server.agentStates).toEqual(['listening', 'thinking', 'speaking', 'listening']);
  });

  it('reads a final transcription as a turn and ignores interim segments', async () => {
    harness = await roomHarness([{ text: 'Noted.' }]);
    const { server, transport } = harness;
    await transport.join();
    server.join('alice');
    const sessionId = await harness.sessionOf('alice');
    server.sendText('alice', 'lk.transcription', 'book a tab', { 'lk.transcription_final': 'false' });
    server.sendText('alice', 'lk.transcription', 'book a table', { 'lk.transcription_final': 'true' });
    await harness.untilLogged(sessionId, 'the answer', (event) => event.type === 'SpeechFinished');
    const userTexts = (await harness.log(sessionId)).filter((event) => event.type === 'ChatItemAdded' && (event.data as { item: { role?: string } }).item.role === 'user');
    expect(userTexts.map((event) => (event.data as { item: { text: string } }).item.text)).toEqual(['book a table']);
  });

  it('publishes task lifecycle on aside.tasks and holds the deferred reply while the user is the active speaker', async () => {
    harness = await roomHarness([
      { toolCalls: [{ callId: 'call_1', name: 'search', arguments: { query: 'flights' } }] },
      { text: 'Searching now.' },
      { text: 'By the way, I found flights.' },
    ]);
    const { server, transport } = harness;
    await transport.join();
    server.join('alice');
    const sessionId = await harness.sessionOf('alice');
    server.sendText('alice', 'lk.chat', 'find flights');
    await server.until(() => server.tasksMessages().some((message) => message['type'] === 'task.progress'), 'a progress message');
    await harness.untilLogged(sessionId, 'the acknowledgement played', (event) => event.type === 'SpeechFinished');

    server.setActiveSpeakers(['alice']);
    await harness.untilLogged(sessionId, 'the user speaking', (event) => event.type === 'UserStateChanged' && (event.data as { speaking: boolean }).speaking);
    harness.searchGate.open();
    await harness.untilLogged(sessionId, 'the result', (event) => event.type === 'TaskSucceeded');
    await harness.gateway.whenQuiet(sessionId);
    expect((await harness.log(sessionId)).some((event) => event.type === 'ReplyDeliveryStarted')).toBe(false);

    server.setActiveSpeakers([]);
    await server.until(() => server.texts.some((text) => text.text === 'By the way, I found flights.'), 'the deferred reply');

    const messages = server.tasksMessages().map((message) => taskMessageSchema.parse(message));
    expect(messages.map((message) => message.type)).toEqual(['task.started', 'task.progress', 'task.finished']);
    expect(messages[1]).toMatchObject({ sessionId, callId: 'call_1', tool: 'search', message: 'searching for flights', update: 1 });
    expect(messages[2]).toMatchObject({ outcome: 'succeeded', error: null });
    expect(server.data.every((entry) => entry.to?.join() === 'alice')).toBe(true);
  });

  it('answers tasks.sync with a snapshot of the running tasks', async () => {
    harness = await roomHarness([{ toolCalls: [{ callId: 'call_1', name: 'search', arguments: { query: 'hotels' } }] }, { text: 'On it.' }]);
    const { server, transport } = harness;
    await transport.join();
    server.join('alice');
    const sessionId = await harness.sessionOf('alice');
    server.sendText('alice', 'lk.chat', 'find hotels');
    await server.until(() => server.tasksMessages().some((message) => message['type'] === 'task.progress'), 'a progress message');

    server.sendData('alice', 'aside.tasks', JSON.stringify({ type: 'tasks.sync' }));
    await server.until(() => server.tasksMessages().some((message) => message['type'] === 'tasks.snapshot'), 'the snapshot');
    const snapshot = taskMessageSchema.parse(server.tasksMessages().find((message) => message['type'] === 'tasks.snapshot'));
    expect(snapshot).toMatchObject({ sessionId, tasks: [{ callId: 'call_1', tool: 'search', status: 'running', lastProgress: 'searching for hotels' }] });
    harness.searchGate.open();
  });

  it('closes the session when the user leaves', async () => {
    harness = await roomHarness([]);
    const { server, transport } = harness;
    await transport.join();
    server.join('alice');
    const sessionId = await harness.sessionOf('alice');
    server.leave('alice');
    const closed = await harness.untilLogged(sessionId, 'SessionClosed', (event) => event.type === 'SessionClosed');
    expect(closed.data).toEqual({ reason: 'client' });
    expect((await transport.sessionIds()).has('alice')).toBe(false);
  });

  it('rejoins after the connection drops and goes on with the same session', async () => {
    harness = await roomHarness([{ text: 'First answer.' }, { text: 'Second answer.' }]);
    const { server, transport } = harness;
    server.refuseConnections = 1; // the first attempt fails: joining retries
    await transport.join();
    server.join('alice');
    server.join('bob');
    const alice = await harness.sessionOf('alice');
    const bob = await harness.sessionOf('bob');
    server.sendText('alice', 'lk.chat', 'one');
    await server.until(() => server.texts.some((text) => text.text === 'First answer.'), 'the first answer');

    server.drop();
    server.leave('bob'); // left while the agent was away
    await server.until(() => server.rooms.filter((room) => room.isConnected).length === 1, 'the rejoin');
    expect(server.rooms.at(-1)!.connectedWith?.token).toBe('token-3');

    expect((await transport.sessionIds()).get('alice')).toBe(alice);
    await harness.untilLogged(bob, "bob's session closed", (event) => event.type === 'SessionClosed');
    server.sendText('alice', 'lk.chat', 'two');
    await server.until(() => server.texts.some((text) => text.text === 'Second answer.'), 'the second answer');
    const turns = (await harness.log(alice)).filter((event) => event.type === 'ChatItemAdded' && (event.data as { item: { role?: string } }).item.role === 'user');
    expect(turns).toHaveLength(2);
  });

  it('does not fight for the room when another agent joined with its identity', async () => {
    harness = await roomHarness([]);
    const { server, transport } = harness;
    await transport.join();
    server.drop(DUPLICATE_IDENTITY); // handled synchronously: a rejoin would have created a room by now
    expect(server.rooms).toHaveLength(1);
    expect(harness.logged.some((line) => line.message.includes('not rejoining'))).toBe(true);
  });

  it('logs and ignores bad data from the room, and the session goes on', async () => {
    harness = await roomHarness([{ text: 'Still here.' }]);
    const { server, transport } = harness;
    await transport.join();
    server.join('alice');
    server.join('other-agent', AGENT);
    const sessionId = await harness.sessionOf('alice');

    server.sendData('alice', 'aside.tasks', '{not json');
    server.sendData('alice', 'aside.tasks', JSON.stringify({ type: 'launch_missiles' }));
    server.sendData('alice', 'lk-chat-topic', JSON.stringify({ message: 42 }));
    server.sendData('alice', 'aside.tasks', new Uint8Array([0xff, 0xfe, 0x00]));
    server.sendData('mallory', 'aside.tasks', JSON.stringify({ type: 'tasks.sync' }));
    server.sendText('mallory', 'lk.chat', 'let me in');
    server.sendText('other-agent', 'lk.chat', 'I am an agent');
    server.sendText('alice', 'lk.chat', '   ');
    server.sendData('alice', 'some.other.topic', 'whatever, not ours');

    server.sendData('alice', 'lk-chat-topic', JSON.stringify({ id: 'm1', timestamp: 1, message: 'are you there?' }));
    await server.until(() => server.texts.some((text) => text.text === 'Still here.'), 'the answer');

    expect((await transport.sessionIds()).has('other-agent')).toBe(false);
    const ignored = harness.logged.filter((line) => line.level === 'warn' && line.message.includes('ignored'));
    expect(ignored.map((line) => line.fields['reason'])).toEqual(
      expect.arrayContaining(['malformed JSON', 'not a known request', 'no session for this participant', 'blank text']),
    );
    expect(ignored).toHaveLength(8);
    const log = await harness.log(sessionId);
    expect(log.filter((event) => event.type === 'ChatItemAdded' && (event.data as { item: { role?: string } }).item.role === 'user')).toHaveLength(1);
    expect((await harness.gateway.getSession(sessionId)).status).toBe('active');
  });
});
