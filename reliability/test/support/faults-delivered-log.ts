import { agent, createAgentRegistry, tool } from '@aside/domain';
import { Gateway, InProcessTaskQueue } from '@aside/engine';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore, type StoredEvent } from '@aside/events/store';
import { ScriptedLlm } from '@aside/llm';
import { z } from 'zod';
import type { SessionLog } from '../../src/faults/checker/session-log.js';

/**
 * A real session log for the checker's tests, made by the real engine in embedded mode: the
 * model calls `slow_lookup` once (call id `c1`), the tool goes async with an update, returns
 * when the test lets it, its result is delivered as a deferred reply and spoken, and the session
 * is closed — the story every soak round must tell, which a test then damages on purpose.
 */
export async function deliveredRoundLog(): Promise<SessionLog> {
  let letFinish!: () => void;
  const finished = new Promise<void>((resolve) => (letFinish = resolve));
  const slowLookup = tool({
    name: 'slow_lookup',
    description: 'Looks something up in the background.',
    parameters: z.object({}),
    execute: async (_args, ctx) => {
      await ctx.update('looking');
      await finished;
      return 'found it';
    },
  });
  const store = new InMemoryEventStore({ catalogue: asideCatalogue });
  const llm = new ScriptedLlm([{ toolCalls: [{ callId: 'c1', name: 'slow_lookup' }] }], { whenUnmatched: (request) => ({ text: request.toolChoice === 'none' ? 'By the way, found it.' : 'On it.' }) });
  const gateway = await Gateway.start({
    store,
    registry: createAgentRegistry([agent({ name: 'desk', instructions: 'Helps.', tools: [slowLookup] })]),
    llm,
    taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
  });
  try {
    const { sessionId } = await gateway.createSession({ agent: 'desk', playout: 'instant' });
    await gateway.submitTurn(sessionId, { text: 'Look it up.' });
    await gateway.whenQuiet(sessionId);
    letFinish();
    await gateway.whenQuiet(sessionId, { tasks: true });
    await gateway.closeSession(sessionId);
    const { events } = await store.readLog(sessionId, { limit: 1_000 });
    const counter = await store.logPosition(sessionId);
    return { sessionId, events, unreadable: [], counter: { before: counter, after: counter } };
  } finally {
    await gateway.close();
  }
}

/** The log with its positions and stream versions counted again, as a store would have numbered it: only the intended damage shows. */
export function renumbered(log: SessionLog, events: readonly StoredEvent[]): SessionLog {
  const versions = new Map<string, number>();
  const numbered = events.map((event, index) => {
    const version = (versions.get(event.stream) ?? 0) + 1;
    versions.set(event.stream, version);
    return { ...event, position: index + 1, version };
  });
  return { ...log, events: numbered, counter: { before: numbered.length, after: numbered.length } };
}
