import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { agent, COMPLETE_TASK_TOOL, createAgentRegistry, task, tool, type ToolContext } from '../../src/index.js';

const getEmail = task({ name: 'get_email', instructions: 'Ask for the email.', result: z.object({ email: z.string().email() }) });
const registry = createAgentRegistry([agent({ name: 'front', instructions: 'Hi.' }), getEmail]);

describe('complete_task: how an agent task hands back its result', () => {
  it('is offered to every agent task, with the task result as its parameters', () => {
    const descriptor = registry.agent('get_email')?.tools.find((t) => t.name === COMPLETE_TASK_TOOL);

    expect(descriptor).toMatchObject({ scope: 'bare', cancellable: false, parameters: { properties: { email: { type: 'string' } }, required: ['email'] } });
    expect(registry.agent('front')?.tools.map((t) => t.name)).not.toContain(COMPLETE_TASK_TOOL);
  });

  it('validates the result like any tool arguments', () => {
    expect(registry.parseArguments('get_email', COMPLETE_TASK_TOOL, '{"email":"not-an-email"}')).toMatchObject({ ok: false });
    expect(registry.parseArguments('get_email', COMPLETE_TASK_TOOL, '{"email":"ada@example.com"}')).toMatchObject({ ok: true, args: { email: 'ada@example.com' } });
  });

  it('hands the result to the gateway through the tool context', async () => {
    const handed: unknown[] = [];
    const ctx = { completeAgentTask: async (result: unknown) => void handed.push(result) } as unknown as ToolContext;

    await registry.toolDefinition('get_email', COMPLETE_TASK_TOOL)!.execute({ email: 'ada@example.com' }, ctx);

    expect(handed).toEqual([{ email: 'ada@example.com' }]);
  });

  it('is a reserved name for user tools', () => {
    expect(() => tool({ name: COMPLETE_TASK_TOOL, description: 'x', parameters: z.object({}), execute: () => null })).toThrow('reserved for completing agent tasks');
  });
});
