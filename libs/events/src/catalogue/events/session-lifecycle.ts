import { z } from 'zod';
import { defineEvent } from '../define-event.js';

/**
 * The session's birth and end. The domain's own events (activities, speech, tasks, replies)
 * join the catalogue beside these.
 */
export const SessionStarted = defineEvent('SessionStarted', {
  data: z.object({
    agent: z.string().min(1).max(200),
    playout: z.enum(['client', 'instant']),
    partition: z.number().int().nonnegative(),
  }),
});

export const SessionClosed = defineEvent('SessionClosed', {
  data: z.object({
    reason: z.enum(['client', 'idle_timeout', 'error', 'agent']),
  }),
});
