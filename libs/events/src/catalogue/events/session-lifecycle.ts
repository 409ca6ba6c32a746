import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { idField, nameField } from './fields.js';
import { lateResultsConfigSchema } from './late-result-events.js';

/**
 * The session's birth and end, and the user's side of the conversation (the user is one per
 * session, so "speaking" and "end of turn pending" live on the session, not on an activity).
 */
const sessionStartedV1 = z.object({
  sessionId: idField,
  agent: nameField,
  /** The first activity (running `agent`), current from the start. */
  activityId: idField,
  playout: z.enum(['client', 'instant']),
  partition: z.number().int().nonnegative(),
  /** `when_live`: management tools only while needed (SEMANTICS §5); `always`: a stable schema. */
  managementTools: z.enum(['when_live', 'always']),
});

/**
 * v2 added `lateResults` (where late results are POSTed; null: recorded only). A v1 session
 * asked for none, so it reads as null.
 */
export const SessionStarted = defineEvent('SessionStarted', {
  data: sessionStartedV1.extend({ lateResults: lateResultsConfigSchema.nullable() }),
  history: [{ version: 1, data: sessionStartedV1, upcast: (v1: z.output<typeof sessionStartedV1>) => ({ ...v1, lateResults: null }) }],
});

export const SessionClosed = defineEvent('SessionClosed', {
  data: z.object({
    reason: z.enum(['client', 'idle_timeout', 'error', 'agent']),
  }),
});

export const UserStateChanged = defineEvent('UserStateChanged', {
  data: z.object({
    speaking: z.boolean(),
    endOfTurnPending: z.boolean(),
  }),
});
