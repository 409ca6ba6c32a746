import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { agent, task, tool, toolset, type TaskDefinition, type ToolContext } from '../../src/index.js';

const make = (name: string) => tool({ name, description: `The ${name} tool`, parameters: z.object({}), execute: async () => name });
const search = make('search');
const book = make('book');

describe('toolset()', () => {
  it('keeps its tools, scope and hooks; its own policy only when given', () => {
    const setup = async () => undefined;
    const flights = toolset({ id: 'flights', tools: [search, book], scope: 'session', setup });
    expect(flights).toMatchObject({ kind: 'toolset', id: 'flights', scope: 'session', onDuplicate: undefined, templates: {}, setup });
    expect(flights.tools).toEqual([search, book]);
    expect(toolset({ id: 'f', tools: [], scope: 'agent', onDuplicate: 'allow' }).onDuplicate).toEqual({ mode: 'allow', scope: 'name' });
  });

  it.each([
    [{ id: 'has space' }, 'id must match'],
    [{ scope: 'global' }, "scope must be 'agent' or 'session'"],
    [{ tools: undefined }, 'tools must be an array of tool() definitions'],
    [{ tools: [search, search] }, 'tool name `search` appears twice'],
    [{ tools: [search, { name: 'fake' }] }, 'tools[1] is not a tool() definition'],
    [{ onDuplicate: 'never' }, "onDuplicate mode must be one of allow, reject, replace, confirm, attach, got 'never'"],
    [{ close: 'later' }, 'close must be a function'],
  ])('refuses %j', (overrides, problem) => {
    expect(() => toolset({ id: 'flights', tools: [search], scope: 'agent', ...overrides } as never)).toThrow(problem);
  });
});

describe('agent()', () => {
  it('holds its tools, toolsets, handoffs and templates', () => {
    const flights = toolset({ id: 'flights', tools: [book], scope: 'agent' });
    const travel = agent({ name: 'travel', instructions: 'Plan trips.', tools: [search], toolsets: [flights], handoffs: ['billing'] });
    expect(travel).toMatchObject({ kind: 'agent', name: 'travel', instructions: 'Plan trips.', handoffs: ['billing'], templates: {} });
    expect(travel.tools).toEqual([search]);
    expect(travel.toolsets).toEqual([flights]);
    expect(agent({ name: 'bare', instructions: '' })).toMatchObject({ tools: [], toolsets: [], handoffs: [] });
  });

  it('refuses a tool name offered twice across bare tools and toolsets', () => {
    const flights = toolset({ id: 'flights', tools: [search], scope: 'agent' });
    expect(() => agent({ name: 'travel', instructions: '', tools: [search], toolsets: [flights] })).toThrow(
      'Invalid agent `travel`: tool name `search` is used by the agent itself and by toolset `flights`',
    );
    const hotels = toolset({ id: 'hotels', tools: [make('search')], scope: 'session' });
    expect(() => agent({ name: 'travel', instructions: '', toolsets: [flights, hotels] })).toThrow(
      'tool name `search` is used by toolset `flights` and by toolset `hotels`',
    );
    expect(() => agent({ name: 'travel', instructions: '', tools: [book, book] })).toThrow('tool name `book` appears twice');
  });

  it('refuses a toolset listed twice', () => {
    const flights = toolset({ id: 'flights', tools: [], scope: 'agent' });
    expect(() => agent({ name: 'travel', instructions: '', toolsets: [flights, flights] })).toThrow('toolset `flights` is listed twice');
  });

  it.each([
    [{ name: 'two words' }, 'name must match'],
    [{ instructions: undefined }, 'instructions must be a string'],
    [{ tools: 'search' }, 'tools must be an array of tool() definitions'],
    [{ toolsets: [search] }, 'toolsets[0] is not a toolset() definition'],
    [{ handoffs: ['ok', 3] }, 'handoffs[1] must be an agent name or an agent() definition'],
  ])('refuses %j', (overrides, problem) => {
    expect(() => agent({ name: 'travel', instructions: '', ...overrides } as never)).toThrow(problem);
  });
});

describe('task()', () => {
  const getEmail = task({
    name: 'get_email',
    instructions: 'Ask for the email address and confirm it.',
    tools: [search],
    result: z.object({ email: z.string().email() }),
  });

  it('is an agent task with a typed result', async () => {
    expect(getEmail).toMatchObject({ kind: 'task', name: 'get_email', tools: [search], toolsets: [], templates: {} });
    const typed: TaskDefinition<{ email: string }> = getEmail;
    expect(typed.result.parse({ email: 'a@b.co' })).toEqual({ email: 'a@b.co' });
    const ctx = { runTask: async <R>(_task: TaskDefinition<R>) => ({ email: 'a@b.co' }) as R } as unknown as ToolContext;
    const email: string | undefined = (await ctx.runTask?.(getEmail))?.email;
    expect(email).toBe('a@b.co');
  });

  it('refuses a result that is not a zod object, and duplicate tool names', () => {
    expect(() => task({ name: 'get_email', instructions: '', result: z.string() as never })).toThrow(
      'Invalid task `get_email`: result must be a zod object schema (z.object({...}))',
    );
    expect(() => task({ name: 'get_email', instructions: '', tools: [book, book], result: z.object({}) })).toThrow(
      'tool name `book` appears twice',
    );
  });
});
