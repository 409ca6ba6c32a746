import { describe, expect, it } from '@jest/globals';
import { InMemoryEventStore } from '@aside/events/store';
import { asideCatalogue } from '@aside/events';
import { DomainError } from '@aside/domain';
import { SessionEngine, type EngineCommand } from '../src/sessions/session-engine.js';
import { travelRegistry } from './support/travel-agents.js';

const clock = { now: () => new Date('2026-11-24T10:00:00.000Z') };
const session = 'sess-0-engine1';
const actor = { kind: 'gateway', id: 'gw-test' } as const;

function command(commandId: string, body: Omit<EngineCommand, 'metadata'>): EngineCommand {
  return { ...body, metadata: { commandId, actor, correlationId: `corr-${commandId}` } } as EngineCommand;
}

const start = command('start', { type: 'StartSession', data: { sessionId: session, agent: 'travel', playout: 'instant', partition: 0 } });
const turn = (id: string, text = 'hello') => command(id, { type: 'SubmitUserTurn', data: { text } });

function setup() {
  const store = new InMemoryEventStore({ catalogue: asideCatalogue });
  const context = { registry: travelRegistry() };
  return { store, context, engine: new SessionEngine(store, context, clock) };
}

describe('SessionEngine: read → decide → append → evolve', () => {
  it('commits each decision to the session and activity streams, with envelopes derived from the command', async () => {
    const { store, engine } = setup();

    await engine.execute(session, start);
    const committed = await engine.execute(session, turn('turn-1'));

    expect(committed.state.activities['a1']?.chat).toEqual([{ type: 'message', role: 'user', text: 'hello' }]);
    const log = (await store.readLog(session)).events;
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => i + 1));
    expect(new Set(log.map((e) => e.stream))).toEqual(new Set([`session/${session}`, `activity/${session}/a1`]));
    const fromTurn = log.filter((e) => e.causationId === 'turn-1');
    expect(fromTurn.length).toBe(committed.events.length);
    expect(fromTurn[0]).toMatchObject({ id: 'turn-1.0', occurredAt: '2026-11-24T10:00:00.000Z', correlationId: 'corr-turn-1', actor });
  });

  it('stores a retried command once (the command id is the idempotency key)', async () => {
    const { store, engine } = setup();
    await engine.execute(session, start);
    await engine.execute(session, turn('turn-1'));
    const position = await store.logPosition(session);

    const retry = await new SessionEngine(store, setup().context, clock).execute(session, turn('turn-1'));

    expect(retry.duplicate).toBe(true);
    expect(await store.logPosition(session)).toBe(position);
  });

  it('decides again on a fresh state when another writer committed first', async () => {
    const { store, context, engine } = setup();
    const other = new SessionEngine(store, context, clock);
    await engine.execute(session, start);
    await other.execute(session, turn('turn-a', 'from the other engine'));

    await engine.execute(session, turn('turn-b', 'from this engine'));

    const chat = (await engine.state(session)).activities['a1']?.chat.filter((item) => item.type === 'message');
    expect(chat?.map((item) => (item.type === 'message' ? item.text : ''))).toEqual(['from the other engine', 'from this engine']);
    expect((await store.readLog(session)).events.map((e) => e.position)).toEqual(
      Array.from({ length: await store.logPosition(session) }, (_, i) => i + 1),
    );
  });

  it('refuses an illegal command with a DomainError and stores nothing', async () => {
    const { store, engine } = setup();
    await expect(engine.execute(session, turn('turn-1'))).rejects.toBeInstanceOf(DomainError);
    expect(await store.logPosition(session)).toBe(0);
  });

  it('rebuilds exactly the same state from the log in a new process', async () => {
    const { store, context, engine } = setup();
    await engine.execute(session, start);
    await engine.execute(session, turn('turn-1'));
    await engine.execute(session, command('gen', { type: 'CompleteGeneration', data: { generationId: 'a1-g1', text: 'Hi!', toolCalls: [] } }));

    const rebuilt = await new SessionEngine(store, context, clock).state(session);

    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(await engine.state(session)));
  });

  it('notifies listeners after each commit, in order', async () => {
    const { engine } = setup();
    const seen: number[] = [];
    engine.onCommitted((committed) => seen.push(committed.position));

    await engine.execute(session, start);
    await engine.execute(session, turn('turn-1'));

    expect(seen.length).toBe(2);
    expect(seen[1]).toBeGreaterThan(seen[0]!);
  });
});
