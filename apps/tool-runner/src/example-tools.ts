import { setTimeout as sleep } from 'node:timers/promises';
import { tool, ToolError } from '@aside/domain';
import { z } from 'zod';

/** How long each step of the slow example takes (EXAMPLE_STEP_MS; tests make it short). */
export const exampleTiming = { stepMs: Number(process.env['EXAMPLE_STEP_MS'] ?? 1_500) };

/** A slow tool: reports progress as it goes (so it turns asynchronous), honours cancellation. */
export const searchFlights = tool({
  name: 'search_flights',
  description: 'Search flights to a destination city on a date. Slow: reports progress as it goes.',
  parameters: z.object({ destination: z.string().describe('City name'), date: z.string().describe('Travel date, e.g. 2026-12-05') }),
  timeoutMs: 60_000,
  retries: 1,
  execute: async ({ destination, date }, ctx) => {
    await ctx.update(`searching airlines for flights to ${destination} on ${date}`);
    await sleep(exampleTiming.stepMs, undefined, { signal: ctx.signal });
    await ctx.update('comparing prices across 14 airlines');
    await sleep(exampleTiming.stepMs, undefined, { signal: ctx.signal });
    return `Best option: TP 1234 to ${destination} on ${date}, departs 09:40, 189 EUR, 1 stop.`;
  },
});

const AIRPORTS: Readonly<Record<string, string>> = { lisbon: 'LIS', porto: 'OPO', paris: 'CDG', london: 'LHR', madrid: 'MAD' };

/** A quick lookup: answers at once, never goes asynchronous. */
export const lookupAirport = tool({
  name: 'lookup_airport',
  description: 'The main airport code (IATA) of a city.',
  parameters: z.object({ city: z.string().describe('City name') }),
  onDuplicate: 'allow',
  execute: ({ city }) => {
    const code = AIRPORTS[city.trim().toLowerCase()];
    if (code === undefined) throw new ToolError(`No airport known for ${city}`);
    return code;
  },
});

export const exampleTools = [searchFlights, lookupAirport];
