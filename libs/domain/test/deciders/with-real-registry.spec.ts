import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { agent, createAgentRegistry, tool, toolset } from '../../src/index.js';
import { call, progress, started } from './support/commands.js';
import { ofType, outputsOf, scenario } from './support/scenario.js';

// The decider specs use a hand-written registry; this one drives them with the real
// `createAgentRegistry` and `parseToolArguments`, so the two halves of the domain agree.
const noop = async () => 'ok';
const search = tool({ name: 'search', description: 'Search flights', parameters: z.object({ query: z.string(), days: z.number().int().default(1) }), execute: noop });
const book = tool({ name: 'book', description: 'Book a hotel', parameters: z.object({ city: z.string() }), execute: noop });
const travel = agent({
  name: 'travel',
  instructions: 'Help with travel.',
  tools: [search],
  toolsets: [toolset({ id: 'hotels', scope: 'session', tools: [book] })],
});
const context = { registry: createAgentRegistry([travel]) };

describe('deciders with the real agent registry', () => {
  it('scenario 11: an invalid call gets the parse-error output naming the parameter, and no task runs', () => {
    const s = scenario('travel', 'instant', context);
    s.userSays('find flights');

    const events = s.llm('', [call('c1', 'search', { days: 'two' })]);

    const [output] = outputsOf(s.chat());
    expect(output?.isError).toBe(true);
    expect(output?.output).toMatch(/^Error parsing arguments for `search`:/);
    expect(output?.output).toContain('query');
    expect(output?.output).toContain('days');
    expect(ofType(events, 'TaskRequested')).toEqual([]);
  });

  it('a valid call runs with its defaults applied', () => {
    const s = scenario('travel', 'instant', context);
    s.userSays('find flights');

    const events = s.llm('', [call('c1', 'search', { query: 'LIS' })]);

    expect(ofType(events, 'TaskRequested')[0]?.data).toMatchObject({ arguments: { query: 'LIS', days: 1 }, scope: 'bare' });
  });

  it('scenario 8: a toolset duplicate needs confirm_duplicate, and the flag never reaches the body', () => {
    const s = scenario('travel', 'instant', context);
    s.userSays('book two hotels');
    s.llm('', [call('c1', 'book', { city: 'Porto' })]);
    s.report('c1', started());
    s.report('c1', progress('booking Porto'));
    s.llm('Booking Porto now.');
    s.userSays('and Faro too');

    const unconfirmed = s.llm('', [call('c2', 'book', { city: 'Faro' })]);
    expect(ofType(unconfirmed, 'TaskRequested')).toEqual([]);
    expect(outputsOf(s.chat()).find((o) => o.callId === 'c2')?.output).toContain('confirm_duplicate');

    s.llm('Porto is still being booked; shall I book Faro as well?');
    s.userSays('yes, both');
    const confirmed = s.llm('', [call('c3', 'book', { city: 'Faro', confirm_duplicate: true })]);

    expect(ofType(confirmed, 'TaskRequested')[0]?.data).toMatchObject({ toolName: 'book', arguments: { city: 'Faro' }, scope: 'session' });
    expect(ofType(confirmed, 'TaskRequested')[0]?.data.arguments).not.toHaveProperty('confirm_duplicate');
  });

  it('offers confirm_duplicate in the toolset tool schema', () => {
    expect(context.registry.agent('travel')?.tools.find((t) => t.name === 'book')?.parameters).toMatchObject({
      properties: { confirm_duplicate: { type: 'boolean' } },
    });
  });
});
