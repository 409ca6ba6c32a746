import { z } from 'zod';
import { agent, createAgentRegistry, handoff, task, tool, toolset } from '@aside/domain';

/**
 * The cast of SEMANTICS §11. Bodies are trivial: each scenario mocks the ones it drives, which
 * is itself the contract of mocks (SEMANTICS §9) — dispatch, validation and delivery are real.
 */
const city = z.object({ city: z.string() });
const body = async () => 'ok';

export const weather = tool({ name: 'weather', description: 'Weather in a city.', parameters: city, execute: async ({ city: c }) => `Sunny in ${c}` });
export const searchFlights = tool({ name: 'search_flights', description: 'Search flights.', parameters: city, execute: body });
export const watchPrices = tool({ name: 'watch_prices', description: 'Watch prices.', parameters: city, onDuplicate: 'replace', execute: body });
export const trackParcel = tool({
  name: 'track_parcel',
  description: 'Track a parcel.',
  parameters: z.object({ parcel: z.string(), days: z.number().int().default(1) }),
  execute: async ({ parcel }, ctx) => {
    await ctx.update(`looking up ${parcel}`);
    return `${parcel} arrives tomorrow`;
  },
});
export const bookHotel = tool({ name: 'book_hotel', description: 'Book a hotel.', parameters: city, execute: body });
export const priceAlert = tool({ name: 'price_alert', description: 'Alert on prices.', parameters: city, execute: body });

export const billing = agent({ name: 'billing', instructions: 'You handle billing.' });

const transferToBilling = tool({ name: 'transfer_to_billing', description: 'Hand the user to billing.', parameters: z.object({}), execute: () => handoff('billing') });
const hotels = toolset({ id: 'hotels', scope: 'session', tools: [bookHotel] });

/** An agent task: it talks with the user until it can hand back an email address. */
export const getEmail = task({ name: 'get_email', instructions: 'Ask for the email address.', result: z.object({ email: z.string() }) });

/** A regular tool that awaits the agent task: its activity pauses meanwhile (SEMANTICS §2). */
export const collectEmail = tool({
  name: 'collect_email',
  description: 'Collect the user email.',
  parameters: z.object({}),
  execute: async (_args, ctx) => {
    const { email } = await ctx.runTask!(getEmail);
    return `The email is ${email}`;
  },
});

/** Bare tools only: it offers the management tools only while one of its tasks is live. */
export const travel = agent({
  name: 'travel',
  instructions: 'You help with travel.',
  tools: [weather, searchFlights, watchPrices, trackParcel, collectEmail],
});

/** Tasks of every scope: a bare tool, an agent-scoped toolset, a session-scoped toolset. */
export const desk = agent({
  name: 'desk',
  instructions: 'You are the front desk.',
  tools: [searchFlights, transferToBilling],
  toolsets: [toolset({ id: 'alerts', scope: 'agent', tools: [priceAlert] }), hotels],
  handoffs: [billing],
});

export const concierge = agent({
  name: 'concierge',
  instructions: 'You book hotels.',
  tools: [tool({ name: 'transfer_to_travel', description: 'Hand the user to travel.', parameters: z.object({}), execute: () => handoff('travel') })],
  toolsets: [hotels],
  handoffs: [travel],
});

export const scenarioAgents = [travel, billing, concierge, desk, getEmail];

export const scenarioRegistry = () => createAgentRegistry(scenarioAgents);
