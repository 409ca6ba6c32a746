import { afterEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore, type StoredEvent } from '@aside/events/store';
import { agent, createAgentRegistry, tool } from '@aside/domain';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { ScriptedLlm, type ScriptStep } from '@aside/llm';
import { eventually } from '@aside/testing';
import { buildTimeline } from '../../src/timeline/model/build-timeline.js';
import type { DeferredReplyItem } from '../../src/timeline/model/timeline-model.js';

/** Lets the test decide when each slow lookup finishes. */
const gates = new Map<string, () => void>();
const lookup = tool({
  name: 'lookup',
  description: 'Looks something up, slowly.',
  parameters: z.object({ what: z.string() }),
  onDuplicate: 'allow',
  execute: async ({ what }, ctx) => {
    await ctx.update(`looking up ${what}`);
    await new Promise<void>((resolve) => gates.set(what, resolve));
    return `${what}: found`;
  },
});
const clerk = agent({ name: 'clerk', instructions: 'You look things up.', tools: [lookup] });

let gateway: Gateway | undefined;
afterEach(async () => {
  for (const open of gates.values()) open();
  gates.clear();
  await gateway?.close({ graceMs: 0 });
  gateway = undefined;
});

/** A real session on an embedded gateway: voice playout (the client reports when speech finished). */
async function startSession(script: readonly ScriptStep[]) {
  const store = new InMemoryEventStore({ catalogue: asideCatalogue });
  gateway = await Gateway.start({
    store,
    registry: createAgentRegistry([clerk]),
    llm: new ScriptedLlm([...script]),
    taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
  });
  const { sessionId } = await gateway.createSession({ agent: 'clerk', playout: 'client' });
  const log = async (): Promise<StoredEvent[]> => [...(await store.readLog(sessionId, { limit: 10_000 })).events];
  const until = (what: string, found: (events: StoredEvent[]) => boolean) =>
    eventually(what, async () => found(await log()), { timeoutMs: 3_000, detail: async () => (await log()).map((event) => `${event.type} ${JSON.stringify(event.data)}`).join('\n') });
  return { gateway, sessionId, log, until };
}

function repliesOf(events: StoredEvent[]): DeferredReplyItem[] {
  return buildTimeline(events[0]!.sessionId, events).lanes.find((lane) => lane.id === 'replies')!.items as DeferredReplyItem[];
}

const has = (type: string, text?: string) => (events: StoredEvent[]) => events.some((event) => event.type === type && (text === undefined || JSON.stringify(event.data).includes(text)));

describe('why a deferred reply waited, read from the log at the moment it was queued', () => {
  it('says "agent speaking" for a result that came in during speech, "user talking" for one that came in while the user spoke', async () => {
    const { sessionId, log, until, gateway } = await startSession([
      { toolCalls: [{ callId: 'ca', name: 'lookup', arguments: { what: 'alpha' } }, { callId: 'cb', name: 'lookup', arguments: { what: 'beta' } }] },
      { text: 'Looking both up.' },
      { text: 'Alpha and beta are found.' },
    ]);
    await gateway.submitTurn(sessionId, { text: 'look up alpha and beta' });
    await until('the tool reply is playing', has('SpeechStarted'));
    await eventually('both lookups waiting', () => gates.has('alpha') && gates.has('beta'), { timeoutMs: 3_000 });

    gates.get('alpha')!(); // finishes while the tool reply is still playing (not reported yet)
    await until('alpha queued as a reply', has('ReplyQueued', 'ca_finished'));
    await gateway.setUserState(sessionId, { speaking: true });
    const speechId = (await log()).find((event) => event.type === 'SpeechStarted')!.data as { speechId: string };
    await gateway.reportPlayout(sessionId, { speechId: speechId.speechId, status: 'played' });
    gates.get('beta')!(); // finishes while the user speaks, the agent silent
    await until('beta queued as a reply', has('ReplyQueued', 'cb_finished'));

    const waiting = repliesOf(await log());
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ outcome: 'waiting', to: null, waitingFor: ['agent_speaking'] });
    expect(waiting[0]!.entries.map(({ callId, waitingFor }) => ({ callId, waitingFor }))).toEqual([
      { callId: 'ca_finished', waitingFor: ['agent_speaking'] },
      { callId: 'cb_finished', waitingFor: ['user_speaking'] },
    ]);
    expect(waiting[0]!.label).toBe('waiting: agent speaking · ca_finished, cb_finished');

    await gateway.setUserState(sessionId, { speaking: false });
    await until('the reply is generated', has('ReplyGenerated'));
    await until('the reply is queued as speech', (events) => events.some((event) => event.type === 'SpeechQueued' && (event.data as { deliveryId: string | null }).deliveryId !== null));
    const [delivered] = repliesOf(await log());
    expect(delivered).toMatchObject({ outcome: 'delivered', replyText: 'Alpha and beta are found.', speechId: expect.any(String), label: 'waited: agent speaking · ca_finished, cb_finished' });
    expect(delivered!.to!.position).toBeGreaterThan(delivered!.entries[1]!.queued.position);
  });

  it('ends a reply that never got its turn as dropped, with the reason', async () => {
    const { sessionId, log, until, gateway } = await startSession([{ toolCalls: [{ callId: 'ca', name: 'lookup', arguments: { what: 'alpha' } }] }, { text: 'Looking it up.' }]);
    await gateway.submitTurn(sessionId, { text: 'look up alpha' });
    await until('the tool reply is playing', has('SpeechStarted'));
    await eventually('the lookup waiting', () => gates.has('alpha'), { timeoutMs: 3_000 });
    gates.get('alpha')!();
    await until('alpha queued as a reply', has('ReplyQueued'));

    await gateway.closeSession(sessionId);

    const [dropped] = repliesOf(await log());
    expect(dropped).toMatchObject({ outcome: 'dropped', dropReason: 'session_closed', waitingFor: ['agent_speaking'], deliveryId: null });
    expect(dropped!.entries).toEqual([expect.objectContaining({ callId: 'ca_finished', dropped: 'session_closed' })]);
  });
});
