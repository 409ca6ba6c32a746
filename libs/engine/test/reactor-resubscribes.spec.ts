import { afterEach, describe, expect, it } from '@jest/globals';
import { agent, createAgentRegistry, tool } from '@aside/domain';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore, type EventStore, type StoredEvent, type SubscribeOptions } from '@aside/events/store';
import { ScriptedLlm } from '@aside/llm';
import { z } from 'zod';
import { Gateway } from '../src/gateway/gateway.js';
import { InProcessTaskQueue } from '../src/task-queue/in-process/in-process-task-queue.js';
import { gate } from './support/embedded-gateway.js';

/**
 * A store whose log subscriptions can be made to fail once, the way a Redis subscription does
 * when its connection is lost while Redis restarts (the fault soak's redis-* scenarios).
 */
function storeWithFlakySubscriptions(inner: EventStore): EventStore & { failNextDelivery(): void } {
  let failNext = false;
  async function* subscribeToLog(sessionId: string, options?: SubscribeOptions): AsyncIterable<StoredEvent> {
    for await (const event of inner.subscribeToLog(sessionId, options)) {
      if (failNext) {
        failNext = false;
        throw new Error('Connection lost (test)');
      }
      yield event;
    }
  }
  const extra = { subscribeToLog, failNextDelivery: () => void (failNext = true) };
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property in extra) return extra[property as keyof typeof extra];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as EventStore & { failNextDelivery(): void };
}

describe('the session reactor when its log subscription fails', () => {
  let gateway: Gateway | undefined;
  afterEach(async () => {
    await gateway?.close();
  });

  it('follows the log again from where it was, so a result folded meanwhile is still delivered', async () => {
    const finish = gate();
    const slowLookup = tool({
      name: 'slow_lookup',
      description: 'Looks something up in the background.',
      parameters: z.object({}),
      execute: async (_args, ctx) => {
        await ctx.update('looking');
        await finish.promise;
        return 'found it';
      },
    });
    const store = storeWithFlakySubscriptions(new InMemoryEventStore({ catalogue: asideCatalogue }));
    const llm = new ScriptedLlm([{ toolCalls: [{ callId: 'c1', name: 'slow_lookup' }] }], { whenUnmatched: (request) => ({ text: request.toolChoice === 'none' ? 'By the way, found it.' : 'On it.' }) });
    gateway = await Gateway.start({
      store,
      registry: createAgentRegistry([agent({ name: 'desk', instructions: 'Helps.', tools: [slowLookup] })]),
      llm,
      taskQueue: ({ resolveTool, hooks }) => new InProcessTaskQueue({ resolveTool, hooks }),
    });
    const { sessionId } = await gateway.createSession({ agent: 'desk', playout: 'instant' });
    await gateway.submitTurn(sessionId, { text: 'Look it up.' });
    await gateway.whenQuiet(sessionId);

    // The result is folded by the task queue, not by a client command: nothing but the reactor
    // reads the log to deliver it — and its subscription fails on the very next event.
    store.failNextDelivery();
    finish.open();
    await gateway.whenQuiet(sessionId, { tasks: true });

    const types = (await store.readLog(sessionId, { limit: 1_000 })).events.map((event) => event.type);
    expect(types.filter((type) => type === 'ReplyGenerated')).toHaveLength(1);
    expect(types.at(-1)).toBe('SpeechFinished');
  });
});
