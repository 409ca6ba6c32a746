import { describe, expect, it } from '@jest/globals';
import { InMemoryEventStore, type FencingToken } from '@aside/events/store';
import { asideCatalogue } from '@aside/events';
import { PartitionNotOwnedError } from '../src/ownership/partition-not-owned-error.js';
import { SessionEngine, type EngineCommand } from '../src/sessions/session-engine.js';
import { travelRegistry } from './support/travel-agents.js';

const clock = { now: () => new Date('2026-11-24T10:00:00.000Z') };
const session = 'sess-0-fencing';
const actor = { kind: 'gateway', id: 'gw-test' } as const;

function command(commandId: string, body: Omit<EngineCommand, 'metadata'>): EngineCommand {
  return { ...body, metadata: { commandId, actor, correlationId: commandId } } as EngineCommand;
}

const start = command('start', { type: 'StartSession', data: { sessionId: session, agent: 'travel', playout: 'instant', partition: 0 } });
const turn = (id: string) => command(id, { type: 'SubmitUserTurn', data: { text: 'hello' } });

/** An ownership whose token the test sets, recording the partitions the engine reports fenced. */
class TestOwnership {
  token: FencingToken | undefined = { partition: 0, epoch: 1 };
  readonly fencedPartitions: number[] = [];

  tokenFor(partition: number): FencingToken | undefined {
    return this.token?.partition === partition ? this.token : undefined;
  }

  async fenced(partition: number): Promise<void> {
    this.fencedPartitions.push(partition);
  }
}

function setup() {
  const store = new InMemoryEventStore({ catalogue: asideCatalogue });
  const ownership = new TestOwnership();
  return { store, ownership, engine: new SessionEngine(store, { registry: travelRegistry() }, clock, { ownership }) };
}

describe('SessionEngine with partition ownership', () => {
  it('commits with the partition\'s fencing token, so a later owner\'s epoch fences this one out', async () => {
    const { store, ownership, engine } = setup();
    await engine.execute(session, start);
    const position = await store.logPosition(session);

    await store.fence(session, { partition: 0, epoch: 2 }); // a successor took the partition over
    const refused = engine.execute(session, turn('turn-1'));

    await expect(refused).rejects.toBeInstanceOf(PartitionNotOwnedError);
    expect(await store.logPosition(session)).toBe(position);
    expect(ownership.fencedPartitions).toEqual([0]);
  });

  it('refuses a command for a partition it does not own before deciding anything', async () => {
    const { store, ownership, engine } = setup();
    await engine.execute(session, start);
    const position = await store.logPosition(session);

    ownership.token = undefined; // the lease ran out
    await expect(engine.execute(session, turn('turn-1'))).rejects.toThrow('This gateway does not own partition 0 (session sess-0-fencing)');

    expect(await store.logPosition(session)).toBe(position);
    expect(ownership.fencedPartitions).toEqual([]);
  });

  it('raises the session\'s fence with its own epoch, refusing an older owner that comes back', async () => {
    const { store, engine } = setup();
    await engine.execute(session, start);
    const older = new SessionEngine(store, { registry: travelRegistry() }, clock, { ownership: { tokenFor: () => ({ partition: 0, epoch: 0 }), fenced: async () => undefined } });

    await expect(older.execute(session, turn('turn-zombie'))).rejects.toBeInstanceOf(PartitionNotOwnedError);
    await engine.execute(session, turn('turn-1'));
    expect((await store.readLog(session)).events.some((event) => event.causationId === 'turn-zombie')).toBe(false);
  });
});
