import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  agent,
  CONFIRM_DUPLICATE_DESCRIPTION,
  createAgentRegistry,
  task,
  tool,
  toolset,
  type ToolDescriptor,
} from '../../src/index.js';

const weatherParameters = z.object({ city: z.string(), days: z.number().int().default(1) });
const getWeather = tool({
  name: 'get_weather',
  description: 'Weather forecast',
  parameters: weatherParameters,
  execute: async ({ city }) => `sunny in ${city}`,
  timeoutMs: 30_000,
  retries: 2,
  delivery: 'interrupt',
});
const lookup = tool({ name: 'lookup', description: 'Quick lookup', parameters: z.object({ q: z.string() }), execute: async () => 'x' });
const searchFlights = tool({
  name: 'search_flights',
  description: 'Search flights',
  parameters: z.object({ to: z.string() }),
  execute: async () => [],
});
const bookFlight = tool({
  name: 'book_flight',
  description: 'Book a flight',
  parameters: z.object({ flight: z.string() }),
  execute: async () => 'booked',
  onDuplicate: 'reject',
  cancellable: false,
});
const watchPrice = tool({
  name: 'watch_price',
  description: 'Watch a price',
  parameters: z.object({ route: z.string() }),
  execute: async () => 'ok',
});
const templates = { update: 'Progress of {tool}: {message}' };
const flights = toolset({ id: 'flights', tools: [searchFlights, bookFlight], scope: 'agent', templates });
const prices = toolset({ id: 'prices', tools: [watchPrice], scope: 'session', onDuplicate: { mode: 'replace', scope: 'name_and_args' } });

const billing = agent({ name: 'billing', instructions: 'Invoices.', handoffs: ['travel'] });
const travel = agent({
  name: 'travel',
  instructions: 'Plan trips.',
  tools: [getWeather, lookup],
  toolsets: [flights, prices],
  handoffs: [billing, 'get_email_free_agent'],
  templates: { replyInstructions: 'Say it.' },
});
const freeAgent = agent({ name: 'get_email_free_agent', instructions: 'x', tools: [lookup] });
const getEmail = task({ name: 'get_email', instructions: 'Ask for an email.', toolsets: [prices], result: z.object({ email: z.string() }) });

const registry = createAgentRegistry([travel, freeAgent, getEmail]);

function descriptor(agentName: string, toolName: string): ToolDescriptor {
  const found = registry.agent(agentName)?.tools.find((entry) => entry.name === toolName);
  if (found === undefined) throw new Error(`no descriptor ${agentName}/${toolName}`);
  return found;
}

describe('createAgentRegistry: descriptors', () => {
  it('describes a bare tool: bare scope, reject by default, its own options, plain JSON schema', () => {
    expect(descriptor('travel', 'get_weather')).toEqual({
      name: 'get_weather',
      description: 'Weather forecast',
      scope: 'bare',
      toolsetId: null,
      duplicate: { mode: 'reject', scope: 'name' },
      cancellable: true,
      delivery: 'interrupt',
      timeoutMs: 30_000,
      retries: 2,
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' }, days: { type: 'integer', minimum: -9007199254740991, maximum: 9007199254740991, default: 1 } },
        required: ['city'],
      },
      templates: {},
    });
  });

  it("describes a toolset tool: the toolset's scope and id, confirm by default with the flag in its schema, the toolset's templates", () => {
    expect(descriptor('travel', 'search_flights')).toEqual({
      name: 'search_flights',
      description: 'Search flights',
      scope: 'agent',
      toolsetId: 'flights',
      duplicate: { mode: 'confirm', scope: 'name' },
      cancellable: true,
      delivery: 'when_idle',
      timeoutMs: null,
      retries: 0,
      parameters: {
        type: 'object',
        properties: {
          to: { type: 'string' },
          confirm_duplicate: { type: 'boolean', description: CONFIRM_DUPLICATE_DESCRIPTION },
        },
        required: ['to'],
      },
      templates,
    });
  });

  it("lets a tool's own policy win over its toolset's default, and a toolset's policy over the default", () => {
    expect(descriptor('travel', 'book_flight')).toMatchObject({ duplicate: { mode: 'reject', scope: 'name' }, cancellable: false });
    expect(descriptor('travel', 'book_flight').parameters).not.toHaveProperty('properties.confirm_duplicate');
    expect(descriptor('travel', 'watch_price')).toMatchObject({
      scope: 'session',
      toolsetId: 'prices',
      duplicate: { mode: 'replace', scope: 'name_and_args' },
    });
  });

  it('lists bare tools first, then each toolset in order', () => {
    expect(registry.agent('travel')?.tools.map((entry) => entry.name)).toEqual([
      'get_weather',
      'lookup',
      'search_flights',
      'book_flight',
      'watch_price',
    ]);
  });

  it('describes agents and tasks, registering handoff targets given as definitions', () => {
    expect(registry.agent('travel')).toMatchObject({
      name: 'travel',
      kind: 'agent',
      instructions: 'Plan trips.',
      handoffs: ['billing', 'get_email_free_agent'],
      templates: { replyInstructions: 'Say it.' },
      resultSchema: null,
    });
    expect(registry.agent('billing')).toMatchObject({ kind: 'agent', handoffs: ['travel'], tools: [] });
    expect(registry.agent('get_email')).toMatchObject({
      kind: 'task',
      handoffs: [],
      resultSchema: { type: 'object', properties: { email: { type: 'string' } }, required: ['email'] },
    });
    expect(registry.agent('nobody')).toBeUndefined();
    expect(registry.agentNames()).toEqual(['travel', 'get_email_free_agent', 'get_email', 'billing']);
  });

  it('exposes the live definitions for the shell', () => {
    expect(registry.definition('travel')).toBe(travel);
    expect(registry.definition('billing')).toBe(billing);
    expect(registry.toolDefinition('travel', 'book_flight')).toBe(bookFlight);
    expect(registry.toolDefinition('billing', 'book_flight')).toBeUndefined();
    expect(registry.toolsets()).toEqual([flights, prices]);
  });
});

describe('createAgentRegistry: argument parsing (SEMANTICS §6, scenario 11)', () => {
  const prefix = 'Error parsing arguments for `get_weather`:';

  it('refuses invalid JSON', () => {
    const result = registry.parseArguments('travel', 'get_weather', '{"city": Paris}');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^Error parsing arguments for `get_weather`: arguments: invalid JSON \(/);
  });

  it('names a missing required parameter', () => {
    expect(registry.parseArguments('travel', 'get_weather', '{"days":2}')).toEqual({ ok: false, message: `${prefix} city: required` });
  });

  it('names a parameter of the wrong type', () => {
    expect(registry.parseArguments('travel', 'get_weather', '{"city":"Paris","days":"two"}')).toEqual({
      ok: false,
      message: `${prefix} days: expected number, received string`,
    });
  });

  it('parses valid arguments with defaults', () => {
    expect(registry.parseArguments('travel', 'get_weather', '{"city":"Paris"}')).toEqual({
      ok: true,
      args: { city: 'Paris', days: 1 },
      canonical: '{"city":"Paris","days":1}',
      confirmDuplicate: false,
    });
  });

  it('strips and reads confirm_duplicate only for a tool under confirm', () => {
    expect(registry.parseArguments('travel', 'search_flights', '{"to":"OSL","confirm_duplicate":true}')).toEqual({
      ok: true,
      args: { to: 'OSL' },
      canonical: '{"to":"OSL"}',
      confirmDuplicate: true,
    });
    expect(registry.parseArguments('travel', 'get_weather', '{"city":"Paris","confirm_duplicate":true}')).toMatchObject({
      ok: true,
      args: { city: 'Paris', days: 1 },
      confirmDuplicate: false,
    });
    expect(registry.readConfirmFlag('{"to":1,"confirm_duplicate":true}')).toBe(true);
    expect(registry.readConfirmFlag('not json')).toBe(false);
  });

  it('answers an unknown agent or tool with a parse error instead of throwing', () => {
    expect(registry.parseArguments('travel', 'teleport', '{}')).toEqual({
      ok: false,
      message: 'Error parsing arguments for `teleport`: teleport: no such tool on agent `travel`',
    });
    expect(registry.parseArguments('nobody', 'get_weather', '{}').ok).toBe(false);
  });
});

describe('createAgentRegistry refuses an inconsistent configuration', () => {
  it('an unknown handoff target', () => {
    const lost = agent({ name: 'lost', instructions: '', handoffs: ['nowhere'] });
    expect(() => createAgentRegistry([lost])).toThrow('Invalid agent registry: agent `lost` hands off to unknown agent `nowhere`');
  });

  it('a handoff to a task', () => {
    const wrong = agent({ name: 'wrong', instructions: '', handoffs: ['get_email'] });
    expect(() => createAgentRegistry([wrong, getEmail])).toThrow('agent `wrong` hands off to `get_email`, which is a task');
  });

  it('two different definitions under one name, but not the same definition twice', () => {
    const other = agent({ name: 'travel', instructions: 'Another.' });
    expect(() => createAgentRegistry([travel, freeAgent, other])).toThrow('two different definitions are named `travel`');
    expect(createAgentRegistry([travel, travel, freeAgent, billing]).agentNames()).toEqual(['travel', 'get_email_free_agent', 'billing']);
  });

  it('two different toolsets with one id', () => {
    const first = agent({ name: 'a', instructions: '', toolsets: [toolset({ id: 'shared', tools: [lookup], scope: 'agent' })] });
    const second = agent({ name: 'b', instructions: '', toolsets: [toolset({ id: 'shared', tools: [lookup], scope: 'session' })] });
    expect(() => createAgentRegistry([first, second])).toThrow('two different toolsets have the id `shared`');
  });

  it('an entry that is not a definition', () => {
    expect(() => createAgentRegistry([{ name: 'x' } as never])).toThrow('every entry must be an agent() or task() definition');
  });
});
