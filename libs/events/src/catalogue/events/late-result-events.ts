import { z } from 'zod';
import { defineEvent } from '../define-event.js';
import { idField, isoTimeField, nameField, textField } from './fields.js';

/**
 * Late results (SEMANTICS §10, DESIGN §4): a terminal result that reached the gateway after its
 * target — the owning activity or the whole session — had closed, so it was recorded as
 * `ReportDiscarded` and never spoken about. A session created with `lateResults: { webhook }`
 * also gets each one POSTed there; these events are that delivery's outbox and its audit.
 */

/**
 * A webhook URL: http(s) with a host, so a session cannot point the gateway at `file:` or the
 * like; no user:password part, because the URL is stored in the session log in clear (the
 * signature is what authenticates the gateway to the receiver).
 */
export const webhookUrlField = z
  .url({ protocol: /^https?$/, hostname: /^\S+$/, error: 'expected an http(s) URL' })
  .max(2048, { error: 'a webhook URL is at most 2048 characters' })
  .refine((value) => !URL.canParse(value) || (new URL(value).username === '' && new URL(value).password === ''), {
    message: 'a webhook URL may not hold credentials: it is stored in the session log in clear',
  });

/** Where a session's late results go (recorded in SessionStarted). */
export const lateResultsConfigSchema = z.object({ webhook: webhookUrlField });
export type LateResultsConfig = z.output<typeof lateResultsConfigSchema>;

/** What the tool produced: its value (as text, null when it returned nothing) or its error. */
export const lateOutcomeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('result'), result: textField.nullable() }),
  z.object({ type: z.literal('error'), kind: z.enum(['tool_error', 'internal', 'timeout']), message: textField }),
]);
export type LateOutcome = z.output<typeof lateOutcomeSchema>;

/** Stream of the session, in the decision that discarded the report. */
export const LateResultQueued = defineEvent('LateResultQueued', {
  data: z.object({
    /** Derived from the task id (one late result per task); receivers deduplicate on it. */
    deliveryId: idField,
    taskId: idField,
    callId: idField,
    toolName: nameField,
    /** Why nobody could hear it: the task was cancelled because this closed. */
    reason: z.enum(['session_closed', 'activity_closed', 'handoff']),
    outcome: lateOutcomeSchema,
    /** When the result reached the gateway (the fold's command time). */
    occurredAt: isoTimeField,
  }),
});

/** How one POST failed: no answer (`network`, `timeout`) or a status that is not 2xx (`http`). */
export const webhookFailureSchema = z.object({
  kind: z.enum(['network', 'timeout', 'http']),
  status: z.number().int().min(100).max(599).nullable(),
  message: textField,
});
export type WebhookFailure = z.output<typeof webhookFailureSchema>;

const attemptField = z.number().int().positive();

/** One POST that did not succeed; `retryAt` is when the next one is due, null when none follows. */
export const LateResultAttemptFailed = defineEvent('LateResultAttemptFailed', {
  data: z.object({ deliveryId: idField, attempt: attemptField, failure: webhookFailureSchema, retryAt: isoTimeField.nullable() }),
});

/** The receiver answered 2xx: done, nothing more is sent. */
export const LateResultDelivered = defineEvent('LateResultDelivered', {
  data: z.object({ deliveryId: idField, attempt: attemptField, status: z.number().int().min(200).max(299) }),
});

/**
 * Given up: every attempt the policy allows failed, the next one would fall past the deadline,
 * or the receiver refused it in a way a retry cannot change (a 4xx other than 408/429, a redirect).
 */
export const LateResultAbandoned = defineEvent('LateResultAbandoned', {
  data: z.object({
    deliveryId: idField,
    attempts: attemptField,
    reason: z.enum(['attempts_exhausted', 'deadline_passed', 'rejected']),
  }),
});
