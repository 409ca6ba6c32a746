import { describe, expect, it } from '@jest/globals';
import { InMemoryEventStore, type ReadLogOptions } from '@aside/events/store';
import { asideCatalogue } from '@aside/events';
import { SessionEngine, type EngineCommand } from '../src/sessions/session-engine.js';
import { travelRegistry } from './support/travel-agents.js';

const clock = { now: () => new Date('2026-11-24T10:00:00.000Z') };
const session = 'sess-0-snapshots';
const actor = { kind: 'gateway', id: 'gw-test' } as const;
const command = (commandId: string, body: Omit<EngineCommand, 'metadata'>) => ({ ...body, metadata: { commandId, actor, correlationId: commandId } }) as EngineCommand;

/** The in-memory store, noting where each log read starts (the port's own adapter, observed). */
class ObservedStore extends InMemoryEventStore {
  readonly logReadsAfter: number[] = [];
  override readLog(sessionId: string, options?: ReadLogOptions) {
    this.logReadsAfter.push(options?.after ?? 0);
    return super.readLog(sessionId, options);
  }
}

async function converse(engine: SessionEngine, turns: number): Promise<void> {
  await engine.execute(session, command('start', { type: 'StartSession', data: { sessionId: session, agent: 'travel', playout: 'instant', partition: 0 } }));
  for (let turn = 1; turn <= turns; turn += 1) {
    await engine.execute(session, command(`turn-${turn}`, { type: 'SubmitUserTurn', data: { text: `hello ${turn}` } }));
    await engine.execute(session, command(`gen-${turn}`, { type: 'CompleteGeneration', data: { generationId: `a1-g${turn}`, text: `Hi ${turn}!`, toolCalls: [] } }));
  }
}

describe('session snapshots', () => {
  it('rebuilds a session from its latest snapshot plus the log after it, to exactly the same state', async () => {
    const store = new ObservedStore({ catalogue: asideCatalogue });
    const context = { registry: travelRegistry() };
    const writer = new SessionEngine(store, context, clock, { snapshotEvery: 10 });
    await converse(writer, 8);
    const position = await store.logPosition(session);
    for (let i = 0; i < 100 && (await store.loadSnapshot(`session/${session}`, 1)) === null; i += 1) await new Promise((resolve) => setImmediate(resolve));

    store.logReadsAfter.length = 0;
    const rebuilt = await new SessionEngine(store, context, clock, { snapshotEvery: 10 }).state(session);

    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(await writer.state(session)));
    expect(store.logReadsAfter[0]).toBeGreaterThan(0); // it started from a snapshot, not from the first event
    expect(store.logReadsAfter[0]).toBeLessThanOrEqual(position);
  });

  it('never snapshots with snapshotEvery 0, and rebuilds from the whole log', async () => {
    const store = new ObservedStore({ catalogue: asideCatalogue });
    const context = { registry: travelRegistry() };
    await converse(new SessionEngine(store, context, clock, { snapshotEvery: 0 }), 8);

    store.logReadsAfter.length = 0;
    await new SessionEngine(store, context, clock, { snapshotEvery: 0 }).state(session);

    expect(await store.loadSnapshot(`session/${session}`, 1)).toBeNull();
    expect(store.logReadsAfter[0]).toBe(0);
  });
});
