import { z } from 'zod';
import { agent, createAgentRegistry, tool, toolset, ToolError } from '@aside/domain';

/** A small cast of agents and tools the engine tests share; bodies are mocked per test. */
export const searchFlights = tool({
  name: 'search_flights',
  description: 'Search flights to a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `3 flights to ${city}`,
});

export const weather = tool({
  name: 'weather',
  description: 'The weather in a city.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `Sunny in ${city}`,
});

export const failing = tool({
  name: 'failing',
  description: 'Always fails.',
  parameters: z.object({}),
  execute: async () => {
    throw new ToolError('nope');
  },
});

export const bookHotel = tool({
  name: 'book_hotel',
  description: 'Book a hotel.',
  parameters: z.object({ city: z.string() }),
  execute: async ({ city }) => `Booked in ${city}`,
});

export const billing = agent({ name: 'billing', instructions: 'You handle billing.' });

/** Bare tools only: it offers the management tools only while one of its tasks is live. */
export const travel = agent({
  name: 'travel',
  instructions: 'You help with travel.',
  tools: [searchFlights, weather, failing],
  handoffs: [billing],
});

/** With a session-scoped toolset (which always offers the management tools). */
export const concierge = agent({
  name: 'concierge',
  instructions: 'You book hotels.',
  tools: [weather],
  toolsets: [toolset({ id: 'hotels', scope: 'session', tools: [bookHotel] })],
  handoffs: [travel],
});

export const travelRegistry = () => createAgentRegistry([travel, billing, concierge]);
