import { z } from 'zod';
import { agent, tool, toolset, type AnyToolDefinition, type ToolContext } from '@aside/domain';

/**
 * The tools under fuzz: one schema per shape an argument validator has to get right — patterns,
 * integer bounds, an enum with a default and an optional field (`book_flight`); nested objects
 * and arrays of objects (`plan_trip`); a strict object, which refuses unknown keys
 * (`set_thermostat`); free-form text and JSON (`save_note`); a toolset tool under `confirm`, whose
 * arguments may carry `confirm_duplicate` (`hold_seat`).
 */
export const FUZZ_AGENT = 'fuzz_desk';

export const bookFlightParameters = z.object({
  from: z.string().regex(/^[A-Z]{3}$/),
  to: z.string().regex(/^[A-Z]{3}$/),
  passengers: z.number().int().min(1).max(9),
  cabin: z.enum(['economy', 'premium', 'business', 'first']).default('economy'),
  date: z.string().max(40).optional(),
});

export const planTripParameters = z.object({
  traveller: z.object({ name: z.string().min(1).max(80), age: z.number().int().min(0).max(130).optional() }),
  stops: z
    .array(z.object({ city: z.string().min(1).max(80), nights: z.number().int().min(1).max(30) }))
    .min(1)
    .max(8),
  budget: z.object({ amount: z.number().positive().max(1_000_000), currency: z.enum(['EUR', 'USD', 'GBP']) }).optional(),
});

export const setThermostatParameters = z.strictObject({
  room: z.enum(['kitchen', 'bedroom', 'office']),
  celsius: z.number().min(5).max(30),
  boost: z.boolean().optional(),
});

export const saveNoteParameters = z.object({
  title: z.string().min(1).max(120),
  body: z.string(),
  tags: z.array(z.string().max(30)).max(12).default([]),
  meta: z.record(z.string(), z.json()).optional(),
});

export const holdSeatParameters = z.object({
  flight: z.string().regex(/^[A-Z]{2}[0-9]{1,4}$/),
  seat: z.string().regex(/^[0-9]{1,2}[A-F]$/),
  window: z.boolean().default(false),
});

/** What a body was called with: the session, the call, and the arguments object itself. */
export interface BodyRun {
  readonly sessionId: string;
  readonly callId: string;
  readonly toolName: string;
  readonly args: unknown;
}

/** The text every fuzz body returns: a valid call is answered with exactly this. */
export const BODY_RESULT = 'ok';

/**
 * The agent with every fuzz tool; each body records its arguments (the very object it got) with
 * `record` and returns at once, so a valid call is a synchronous one.
 */
export function fuzzAgent(record: (run: BodyRun) => void) {
  const recording =
    (toolName: string) =>
    (args: unknown, ctx: ToolContext): string => {
      record({ sessionId: ctx.sessionId, callId: ctx.callId, toolName, args });
      return BODY_RESULT;
    };
  const define = (name: string, description: string, parameters: z.ZodObject): AnyToolDefinition =>
    tool({ name, description, parameters, execute: recording(name) });
  return agent({
    name: FUZZ_AGENT,
    instructions: 'You call tools with generated arguments.',
    tools: [
      define('book_flight', 'Book a flight.', bookFlightParameters),
      define('plan_trip', 'Plan a trip.', planTripParameters),
      define('set_thermostat', 'Set a thermostat.', setThermostatParameters),
      define('save_note', 'Save a note.', saveNoteParameters),
    ],
    toolsets: [toolset({ id: 'seats', scope: 'agent', onDuplicate: 'confirm', tools: [define('hold_seat', 'Hold a seat.', holdSeatParameters)] })],
  });
}
