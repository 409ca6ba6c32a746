import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { asideCatalogue } from '@aside/events';
import { InMemoryEventStore } from '@aside/events/store';
import { agent, createAgentRegistry, handoff, tool, toolset } from '@aside/domain';
import { ScriptedLlm } from '@aside/llm';
import { Gateway } from '../src/gateway/gateway.js';
import { InProcessTaskQueue } from '../src/task-queue/in-process/in-process-task-queue.js';

describe('toolset lifecycle hooks (SEMANTICS §2)', () => {
  it('sets up an agent-scoped toolset with its activity and a session-scoped one once per session; closes each with its owner', async () => {
    const calls: string[] = [];
    const hooks = (name: string) => ({
      setup: ({ sessionId }: { sessionId: string }) => void calls.push(`setup ${name} ${sessionId.length > 0}`),
      close: () => void calls.push(`close ${name}`),
    });
    const noop = tool({ name: 'noop', description: 'Nothing.', parameters: z.object({}), execute: () => 'ok' });
    const shared = toolset({ id: 'crm', scope: 'session', tools: [tool({ name: 'crm_lookup', description: 'CRM.', parameters: z.object({}), execute: () => 'crm' })], ...hooks('crm') });
    const back = agent({ name: 'back', instructions: 'Back office.', toolsets: [shared] });
    const front = agent({
      name: 'front',
      instructions: 'Front desk.',
      tools: [tool({ name: 'transfer', description: 'To the back office.', parameters: z.object({}), execute: () => handoff(back) })],
      toolsets: [toolset({ id: 'desk', scope: 'agent', tools: [noop], ...hooks('desk') }), shared],
      handoffs: [back],
    });
    const llm = new ScriptedLlm([{ toolCalls: [{ callId: 'c1', name: 'transfer', arguments: {} }] }, { text: 'Back office here.' }]);
    const gateway = await Gateway.start({
      store: new InMemoryEventStore({ catalogue: asideCatalogue }),
      registry: createAgentRegistry([front]),
      llm,
      taskQueue: ({ resolveTool, hooks: gatewayHooks }) => new InProcessTaskQueue({ resolveTool, hooks: gatewayHooks }),
    });

    const { sessionId } = await gateway.createSession({ agent: 'front', playout: 'instant' });
    await gateway.whenQuiet(sessionId);
    expect(calls).toEqual(['setup desk true', 'setup crm true']);

    await gateway.submitTurn(sessionId, { text: 'back office please' });
    await gateway.whenQuiet(sessionId, { tasks: true });
    expect(calls).toEqual(['setup desk true', 'setup crm true', 'close desk']);

    await gateway.closeSession(sessionId);
    await gateway.whenQuiet(sessionId);
    expect(calls).toEqual(['setup desk true', 'setup crm true', 'close desk', 'close crm']);
    await gateway.close({ graceMs: 0 });
  });
});
