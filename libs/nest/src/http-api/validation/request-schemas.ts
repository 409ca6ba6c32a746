import { z } from 'zod';
import { webhookUrlField } from '@aside/events';

/**
 * The request bodies and queries of the public HTTP surface (DESIGN.md §5). Bodies are strict:
 * an unknown key is refused, not silently dropped, so a client's typo surfaces at once.
 */

/** An id a client chooses (`commandId`): safe in derived ids, keys and logs. */
const clientIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/, 'expected 1 to 128 letters, digits, ".", "_", "~" or "-", starting with a letter or digit');

/** A log position in a query string: a plain non-negative decimal integer. */
const positionSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,15})$/, 'expected a non-negative integer')
  .transform(Number)
  .pipe(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER));

export const createSessionBody = z.strictObject({
  agent: z.string().min(1).max(200),
  playout: z.enum(['client', 'instant']).optional(),
  /** Where late results are POSTed (the same rule as the gateway API's and the event's). */
  lateResults: z.strictObject({ webhook: webhookUrlField }).optional(),
});
export type CreateSessionBody = z.output<typeof createSessionBody>;

export const submitTurnBody = z.strictObject({
  text: z.string().min(1).max(10_000),
  commandId: clientIdSchema.optional(),
});
export type SubmitTurnBody = z.output<typeof submitTurnBody>;

export const reportPlayoutBody = z.strictObject({
  speechId: z.string().min(1).max(200),
  status: z.enum(['played', 'interrupted']),
});
export type ReportPlayoutBody = z.output<typeof reportPlayoutBody>;

export const userStateBody = z.strictObject({
  speaking: z.boolean(),
});
export type UserStateBody = z.output<typeof userStateBody>;

/** A page size in a query string: 1 to 1000. */
const limitSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,3}$/, 'expected an integer from 1 to 1000')
  .transform(Number)
  .pipe(z.number().int().min(1).max(1000));

export const readEventsQuery = z.object({
  after: positionSchema.default(0),
  limit: limitSchema.default(100),
});
export type ReadEventsQuery = z.output<typeof readEventsQuery>;

/** `GET /v1/sessions`: open sessions whose id contains `search` (blank: all). */
export const listSessionsQuery = z.object({
  search: z
    .string()
    .regex(/^[A-Za-z0-9-]{0,80}$/, 'expected up to 80 letters, digits or "-" (a part of a session id)')
    .optional()
    .transform((search) => (search ? search : undefined)),
  limit: limitSchema.default(100),
});
export type ListSessionsQuery = z.output<typeof listSessionsQuery>;

/** The WebSocket stream's query; `token` is read (and stripped from logs) by the auth check. */
export const streamQuery = z.object({
  after: positionSchema.default(0),
});
export type StreamQuery = z.output<typeof streamQuery>;
