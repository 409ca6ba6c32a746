import { z } from 'zod';
import { agent, tool } from '@aside/domain';

/** Bodies are replaced per test (`gateway.mockTools`, or a runner's resolver): only the names and schemas matter. */
export const searchFlights = tool({ name: 'search_flights', description: 'Search flights.', parameters: z.object({ city: z.string() }), execute: async () => 'no flights' });
export const watchPrices = tool({ name: 'watch_prices', description: 'Watch prices.', parameters: z.object({ city: z.string() }), execute: async () => 'watching' });

export const travel = agent({ name: 'travel', instructions: 'You help with travel.', tools: [searchFlights, watchPrices] });

/** An LLM step that calls one tool. */
export function call(callId: string, name: string, args: Record<string, unknown> = { city: 'Lisbon' }) {
  return { toolCalls: [{ callId, name, arguments: args }] };
}

/** A promise the test opens when it wants the tool body to go on. */
export function gate(): { readonly promise: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
