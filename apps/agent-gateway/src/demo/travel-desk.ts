import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { agent, handoff, task, tool } from '@aside/domain';

/**
 * The demo's agents: a travel desk whose flight search is slow and narrates its progress, whose
 * itinerary tool pauses the conversation to collect an email (an agent task), and which hands
 * billing questions over to another agent. Users write their own the same way and start them
 * with `aside-gateway --agents <module>`.
 */

/** How long the demo's slow tool takes per step; short in tests. */
export const demoTiming = { stepMs: Number(process.env['DEMO_STEP_MS'] ?? 1_500) };

export const searchFlights = tool({
  name: 'search_flights',
  description: 'Search flights to a destination city on a date. Slow: reports progress as it goes.',
  parameters: z.object({ destination: z.string().describe('City name'), date: z.string().describe('Travel date, e.g. 2026-12-05') }),
  timeoutMs: 60_000,
  execute: async ({ destination, date }, ctx) => {
    await ctx.update(`searching airlines for flights to ${destination} on ${date}`);
    await sleep(demoTiming.stepMs, undefined, { signal: ctx.signal });
    await ctx.update('comparing prices across 14 airlines');
    await sleep(demoTiming.stepMs, undefined, { signal: ctx.signal });
    return `Best option: TP 1234 to ${destination} on ${date}, departs 09:40, 189 EUR, 1 stop.`;
  },
});

export const getEmail = task({
  name: 'get_email',
  instructions: 'Ask the user for the email address to send the itinerary to. Confirm it, then call complete_task.',
  result: z.object({ email: z.string().email() }),
});

export const sendItinerary = tool({
  name: 'send_itinerary',
  description: 'Email the itinerary to the user (asks for the address first).',
  parameters: z.object({}),
  execute: async (_args, ctx) => {
    const { email } = await ctx.runTask!(getEmail);
    return `Itinerary sent to ${email}.`;
  },
});

export const billing = agent({
  name: 'billing',
  instructions: 'You are the billing desk of a travel agency. Be brief and helpful about invoices and refunds.',
  tools: [
    tool({
      name: 'invoice_status',
      description: 'Status of an invoice by number.',
      parameters: z.object({ invoice: z.string() }),
      execute: async ({ invoice }) => `Invoice ${invoice} was paid on 2026-11-02.`,
    }),
  ],
});

export const travelDesk = agent({
  name: 'travel_desk',
  instructions:
    'You are a friendly travel agent on a voice call. Keep answers short and spoken. Use search_flights for flights, ' +
    'send_itinerary to email an itinerary, and transfer_to_billing for billing questions.',
  tools: [
    searchFlights,
    sendItinerary,
    tool({ name: 'transfer_to_billing', description: 'Hand the caller to the billing desk.', parameters: z.object({}), execute: () => handoff(billing) }),
  ],
  handoffs: [billing],
});

export const demoAgents = [travelDesk, billing, getEmail];
