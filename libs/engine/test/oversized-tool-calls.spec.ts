import { afterEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_ARGUMENT_LIMITS } from '@aside/domain';
import type { Gateway } from '../src/gateway/gateway.js';
import { embeddedGateway } from './support/embedded-gateway.js';

// Found by the input fuzz (reliability/): the argument limit (1 MiB of characters) let through
// calls whose events could never be stored (512 KiB per event, a dispatch holding the arguments
// three times; a refused call's chat item holding the whole text). The commit of the generation
// failed, so the call was never answered and the user heard the "model unavailable" apology.
describe('tool calls at and beyond the argument size limit', () => {
  let gateway: Gateway | undefined;
  afterEach(async () => gateway?.close({ graceMs: 0 }));

  async function callWith(rawArguments: string) {
    const setup = await embeddedGateway([{ toolCalls: [{ callId: 'c1', name: 'search_flights', arguments: rawArguments }] }, { text: 'Done.' }]);
    gateway = setup.gateway;
    const received: unknown[] = [];
    gateway.mockTools('travel', { search_flights: (args) => received.push(args) && 'found' });
    const { sessionId } = await gateway.createSession({ agent: 'travel', playout: 'instant' });
    await gateway.submitTurn(sessionId, { text: 'search' });
    await gateway.whenQuiet(sessionId, { tasks: true });
    const events = (await setup.store.readLog(sessionId)).events;
    const items = events.filter((event) => event.type === 'ChatItemAdded').map((event) => (event.data as { item: Record<string, unknown> }).item);
    return { events, received, call: items.find((item) => item['type'] === 'function_call'), outputs: items.filter((item) => item['type'] === 'function_call_output') };
  }

  it('runs the largest call the limit admits, with three copies of it in one event', async () => {
    const city = '\u00e9'.repeat((DEFAULT_ARGUMENT_LIMITS.maxBytes - 20) / 2);
    const { events, received, outputs } = await callWith(JSON.stringify({ city }));
    expect(received).toEqual([{ city }]);
    expect(outputs).toEqual([expect.objectContaining({ callId: 'c1', output: 'found', isError: false })]);
    expect(events.map((event) => event.type)).not.toContain('GenerationFailed');
  });

  it.each([600 * 1024, 5 * 1024 * 1024])('answers a %i-character call once with a short refusal, recording only its beginning', async (length) => {
    const rawArguments = JSON.stringify({ city: 'x'.repeat(length) });
    const { events, received, call, outputs } = await callWith(rawArguments);
    expect(received).toEqual([]);
    expect(outputs).toEqual([
      expect.objectContaining({ callId: 'c1', isError: true, output: `Error parsing arguments for \`search_flights\`: arguments: too large (${rawArguments.length + 4} bytes, at most 131072)` }),
    ]);
    expect(String(call?.['arguments'])).toMatch(/^\{"city":"x{990,}… \(cut: \d+ characters in all\)$/);
    expect(events.map((event) => event.type)).not.toContain('GenerationFailed');
  });
});
